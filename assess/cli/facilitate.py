"""`assess facilitate`: the facilitator's screen over a team's respondents, wired to the files."""

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.app import cli, questionnaires_option, say, warn
from assess.errors import AssessError

if TYPE_CHECKING:
    from assess.domain.assessment import Assessment
    from assess.files.store import AssessmentStore
    from assess.tui.facilitation import FacilitateContext


def _local_now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def team_assessment(
    root: Path, team: str, questionnaire: str
) -> "tuple[Path | None, Assessment | None]":
    """The team's latest consolidated assessment of the model (path and content), else
    (None, its latest own assessment or None): only that one's targets and scope are taken."""
    from assess.files.assessments import SUFFIX, load_assessment
    from assess.files.names import team_slug

    folder = root / team_slug(team)
    if not folder.is_dir():
        return None, None
    consolidated: list[tuple[Path, Assessment]] = []
    own: list[tuple[Path, Assessment]] = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path.name.startswith("."):
            continue
        try:
            assessment = load_assessment(path)
        except AssessError as error:
            warn(f"left out: {error.message.splitlines()[0]}")
            continue
        if assessment.questionnaire != questionnaire or assessment.team != team:
            continue
        (consolidated if assessment.consolidation is not None else own).append((path, assessment))

    def latest(found: "list[tuple[Path, Assessment]]") -> "tuple[Path, Assessment] | None":
        return max(found, key=lambda f: (f[1].date, f[1].updated), default=None)

    chosen = latest(consolidated)
    if chosen is not None:
        return chosen
    previous = latest(own)
    return None, previous[1] if previous is not None else None


def facilitate_context(
    root: Path,
    dirs: list[Path],
    team: str,
    questionnaire_ref: str | None,
    names: bool,
    stores: "list[AssessmentStore]",
    saved: "list[Path] | None" = None,
    now: "Callable[[], datetime] | None" = None,
) -> "FacilitateContext":
    """The respondents of the team, its consolidated assessment so far, and a save callable
    that writes the consolidated assessment (a new file the first time). The store opened is
    appended to `stores`, for the caller to close; each file written is appended to `saved`."""
    from assess.domain.assessment import normal_team
    from assess.domain.consensus import ConsensusError, check_respondents
    from assess.files.questionnaires import find_questionnaire
    from assess.files.respondents import file_hashes, team_respondents
    from assess.files.store import AssessmentStore
    from assess.tui.facilitation import FacilitateContext

    team = normal_team(team.strip())
    found = team_respondents(root, team)
    models = sorted({r.questionnaire for _, r in found})
    if questionnaire_ref is not None:
        found = [(p, r) for p, r in found if r.questionnaire == questionnaire_ref]
    elif len(models) > 1:
        raise AssessError(
            f"the respondents of {team} answered several questionnaires ({', '.join(models)}); "
            "choose one with --questionnaire"
        )
    if not found:
        which = f" of '{questionnaire_ref}'" if questionnaire_ref else ""
        raise AssessError(
            f"team {team} has no respondents{which} under {root}; each member answers with "
            f"assess fill --team '{team}' --respondent NAME"
        )
    respondents = [r for _, r in found]
    first = respondents[0]
    questionnaire = find_questionnaire(first.questionnaire, dirs, first.questionnaire_version)
    try:
        check_respondents(questionnaire, respondents)
    except ConsensusError as error:
        raise AssessError(str(error)) from None
    path, base = team_assessment(root, team, questionnaire.id)
    store: AssessmentStore | None = None
    if path is not None:
        store = AssessmentStore.open(path)
        stores.append(store)
        if store.held_by is not None:
            raise AssessError(
                f"{path}: the team's assessment is open in another window ({store.held_by}); "
                "close it there first"
            )
    named = names or (
        base is not None and base.consolidation is not None and base.consolidation.named
    )
    holder: list[AssessmentStore] = [] if store is None else [store]

    def save(assessment: "Assessment") -> "Assessment":
        if not holder:
            new = AssessmentStore.new(root, assessment)
            stores.append(new)
            holder.append(new)
        result = holder[0].save(assessment)
        if saved is not None:
            saved.append(holder[0].path)
        return result

    return FacilitateContext(
        questionnaire=questionnaire,
        team=team,
        respondents=respondents,
        files=file_hashes(p for p, _ in found),
        save=save,
        now=now or _local_now,
        base=base,
        named=named,
    )


@cli.command()
@questionnaires_option
@click.option("--team", required=True, help="The team whose respondents to go through.")
@click.option(
    "--questionnaire",
    "questionnaire_ref",
    help="The questionnaire id, when the respondents answered several.",
)
@click.option(
    "--names",
    is_flag=True,
    help="Show respondents' names (the team opted in); otherwise they are numbered.",
)
@click.option(
    "--dir",
    "root",
    type=click.Path(path_type=Path, file_okay=False),
    help="Assessments folder (default ./assessments, or $ASSESS_DIR).",
)
def facilitate(
    questionnaire_dirs: tuple[Path, ...],
    team: str,
    questionnaire_ref: str | None,
    names: bool,
    root: Path | None,
) -> None:
    """Go through the questions a team's respondents disagree on and record the agreed answers;
    each decision is saved at once in the team's consolidated assessment."""
    from assess.files.assessments import default_root

    stores: list[AssessmentStore] = []
    saved: list[Path] = []
    try:
        context = facilitate_context(
            root or default_root(),
            list(questionnaire_dirs),
            team,
            questionnaire_ref,
            names,
            stores,
            saved,
        )
        from assess.tui.facilitate_app import FacilitateApp  # textual: only for this command

        app = FacilitateApp(context)
        app.run()
    finally:
        for store in stores:
            store.close()
    if app.return_code:
        sys.exit(app.return_code)
    if any(store.failed for store in stores):
        say("not saved: the last decision could not be written", err=True)
        sys.exit(1)
    if not saved:
        say("nothing saved: no decision was made")
        return
    written = next(s for s in stores if s.path == saved[-1])
    consolidation = written.assessment.consolidation
    count = len(consolidation.agreed) if consolidation is not None else 0
    say(f"saved {saved[-1]} ({count} agreed answer{'s' if count != 1 else ''})")
    say(f"see the scores: assess score {saved[-1]}")
