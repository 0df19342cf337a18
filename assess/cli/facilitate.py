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
    from collections.abc import Collection

    from assess.domain.assessment import Assessment
    from assess.files.store import AssessmentStore
    from assess.tui.context import FillContext, Opened, QuestionnaireEntry
    from assess.tui.facilitation import FacilitateContext


def _local_now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def team_assessment(
    root: Path, team: str, questionnaire: str, files: "Collection[str]" = ()
) -> "tuple[Path | None, Assessment | None]":
    """The team's consolidated assessment of the model, path and content: the latest one made
    from any of these respondent files, else the latest one. Without one, (None, the team's
    latest own assessment or None): only that one's targets and scope are taken."""
    from assess.files.respondents import team_assessments

    ours = [(p, a) for p, a in team_assessments(root, team) if a.questionnaire == questionnaire]
    consolidated = [(p, a) for p, a in ours if a.consolidation is not None]
    same_files = [
        (p, a)
        for p, a in consolidated
        if a.consolidation and set(a.consolidation.files) & set(files)
    ]

    def latest(found: "list[tuple[Path, Assessment]]") -> "tuple[Path, Assessment] | None":
        return max(found, key=lambda f: (f[1].date, f[1].updated), default=None)

    chosen = latest(same_files) or latest(consolidated)
    if chosen is not None:
        return chosen
    previous = latest(ours)
    return None, previous[1] if previous is not None else None


def facilitate_context(
    root: Path,
    dirs: list[Path],
    team: str,
    questionnaire_ref: str | None,
    names: bool | None,
    stores: "list[AssessmentStore]",
    saved: "list[Path] | None" = None,
    now: "Callable[[], datetime] | None" = None,
) -> "FacilitateContext":
    """The respondents of the team, its consolidated assessment so far, and a save callable
    that writes the consolidated assessment (a new file the first time). The store opened is
    appended to `stores`, for the caller to close; each file written is appended to `saved`."""
    from assess.domain.answers import read_against
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
    first = found[0][1]
    questionnaire = find_questionnaire(first.questionnaire, dirs, first.questionnaire_version)
    respondents: list[Assessment] = []
    for _, respondent in found:  # a file of the first format is read against its model
        read, warning = read_against(respondent, questionnaire)
        if warning and not respondents:
            warn(warning)
        respondents.append(read)
    try:
        check_respondents(questionnaire, respondents)
    except ConsensusError as error:
        raise AssessError(str(error)) from None
    files = file_hashes(p for p, _ in found)
    path, base = team_assessment(root, team, questionnaire.id, files)
    store: AssessmentStore | None = None
    if path is not None:
        store = AssessmentStore.open(path)
        stores.append(store)
        if store.held_by is not None:
            raise AssessError(
                f"{path}: the team's assessment is open in another window ({store.held_by}); "
                "close it there first"
            )
    record = base.consolidation if base is not None else None
    named = names if names is not None else (record is not None and record.named)
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
        files=files,
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
    "--show-names/--hide-names",
    "names",
    default=None,
    help="Show respondents' names (the team opted in; default: as consolidated before, else "
    "numbered). Anonymous respondents stay numbered.",
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
    names: bool | None,
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


def with_respondents(
    context: "FillContext",
    root: Path,
    dirs: list[Path],
    stores: "list[AssessmentStore]",
    respond: "Callable[[QuestionnaireEntry, str, str, bool], Opened]",
) -> "FillContext":
    """The start screen's respondent entries bound to the files under root: who has answered,
    answering as a respondent (a new file in the team's respondents folder), facilitating."""
    from dataclasses import replace

    from assess.domain.assessment import normal_team
    from assess.domain.consensus import labels
    from assess.files.names import team_slug
    from assess.files.respondents import team_respondents

    def respondents_of(team: str, questionnaire: str) -> list[str]:
        team = normal_team(team.strip())
        if not (root / team_slug(team)).is_dir():  # most keystrokes: no such team yet
            return []
        found = [r for _, r in team_respondents(root, team) if r.questionnaire == questionnaire]
        if not found:
            return []
        _, base = team_assessment(root, team, questionnaire)
        record = base.consolidation if base is not None else None
        return labels(found, record is not None and record.named)

    def facilitate_team(team: str, questionnaire: str) -> "FacilitateContext":
        first = len(stores)  # the stores opened from here on are this session's

        def close() -> None:  # back on the start screen: let go of the team's file
            for store in stores[first:]:
                store.close()
            del stores[first:]

        session = facilitate_context(
            root, dirs, team, questionnaire, False, stores, now=context.now
        )
        return replace(session, close=close)

    return context._replace(
        respondents_of=respondents_of,
        answer_as_respondent=respond,
        facilitate=facilitate_team,
    )
