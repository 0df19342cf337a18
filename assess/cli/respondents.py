"""`assess collect`, `assess consolidate`, `assess form` and `assess import`: several members of
a team answer, each in a respondent file, and the team's assessment is consolidated from them."""

import shlex
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assess.cli.app import cli, questionnaires_option, say, warn
from assess.errors import AssessError

if TYPE_CHECKING:
    from assess.domain.assessment import Assessment


def _dir_option(func: Any) -> Any:
    return click.option(
        "--dir",
        "root",
        type=click.Path(path_type=Path, file_okay=False),
        help="Assessments folder (default ./assessments, or $ASSESS_DIR).",
    )(func)


def _now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


@cli.command()
@questionnaires_option
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@_dir_option
def collect(
    questionnaire_dirs: tuple[Path, ...], files: tuple[Path, ...], root: Path | None
) -> None:
    """Copy respondent files filled elsewhere into their team's respondents folder.

    Files of another model or version than the current one are refused with the reason, and
    nothing is copied then; no file is ever overwritten, and a file collected before is not
    copied again."""
    from assess.files.assessments import default_root, load_assessment
    from assess.files.questionnaires import find_questionnaire
    from assess.files.respondents import collect as copy_in

    root = root or default_root()
    models: dict[str, tuple[str, str]] = {}
    for path in files:  # every file checked before any is copied
        respondent = load_assessment(path)
        if respondent.questionnaire not in models:
            model = find_questionnaire(respondent.questionnaire, list(questionnaire_dirs))
            models[respondent.questionnaire] = (model.id, model.version)
        copy_check = models[respondent.questionnaire]
        if respondent.questionnaire_version != copy_check[1]:
            raise AssessError(
                f"{path}: answers version {respondent.questionnaire_version} of "
                f"'{respondent.questionnaire}', not the current {copy_check[1]}; ask for "
                "answers on the current version"
            )
        if not respondent.respondent and not respondent.anonymous:
            raise AssessError(
                f"{path}: not a respondent file (it names no respondent and is not anonymous)"
            )
    for path in files:
        respondent = load_assessment(path)
        model_id, version = models[respondent.questionnaire]
        before = set(_existing(root, respondent))
        target = copy_in(path, root, model_id, version)
        if target in before:
            say(f"{path}: already collected as {target}")
        else:
            say(f"{path} -> {target}")


def _existing(root: Path, respondent: "Assessment") -> list[Path]:
    from assess.files.respondents import folder

    where = folder(root, respondent.team)
    return sorted(where.glob("*.json")) if where.is_dir() else []


@cli.command()
@questionnaires_option
@click.option("--team", required=True, help="The team whose respondents to consolidate.")
@_dir_option
@click.option(
    "--date",
    "on",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Date of the team's assessment (default: the one consolidated from these files "
    "before, else today).",
)
@click.option("--questionnaire", "questionnaire_id", help="Only respondents of this model id.")
@click.option(
    "--show-names/--hide-names",
    "show_names",
    default=None,
    help="Show respondents' names in reports (default: as before, else numbered). Anonymous "
    "respondents stay numbered.",
)
def consolidate(
    questionnaire_dirs: tuple[Path, ...],
    team: str,
    root: Path | None,
    on: Any,
    questionnaire_id: str | None,
    show_names: bool | None,
) -> None:
    """Make the team's assessment from its respondents' files: per question the lower median,
    the spread and a flag where the team disagrees. Agreed answers, targets and scoped-out
    parts of an earlier consolidation of the same date are kept."""
    from assess.domain.answers import read_against
    from assess.domain.assessment import normal_team
    from assess.domain.consensus import ConsensusError, consolidate, labels
    from assess.files.assessments import default_root
    from assess.files.questionnaires import find_questionnaire
    from assess.files.respondents import (
        file_hashes,
        folder,
        team_assessments,
        team_respondents,
    )
    from assess.files.store import AssessmentStore

    root = root or default_root()
    team = normal_team(team.strip())
    found = [
        (path, r)
        for path, r in team_respondents(root, team)
        if questionnaire_id is None or r.questionnaire == questionnaire_id
    ]
    if not found:
        raise AssessError(f"{folder(root, team)}: no respondent files of team '{team}'")
    first_path, first = found[0]
    for path, r in found[1:]:
        if (r.questionnaire, r.questionnaire_version) != (
            first.questionnaire,
            first.questionnaire_version,
        ):
            raise AssessError(
                f"{path}: answers '{r.questionnaire}' version {r.questionnaire_version}, but "
                f"{first_path.name} answers '{first.questionnaire}' version "
                f"{first.questionnaire_version}; consolidate one model and version at a time "
                "(--questionnaire) or move the other files out of the respondents folder"
            )
    questionnaire = find_questionnaire(
        first.questionnaire, list(questionnaire_dirs), first.questionnaire_version
    )
    respondents = []
    warned = False
    for _, r in found:
        read, warning = read_against(r, questionnaire)
        if warning and not warned:
            warn(warning)
            warned = True
        respondents.append(read)
    files = file_hashes(path for path, _ in found)
    ours = [
        (path, a) for path, a in team_assessments(root, team) if a.questionnaire == questionnaire.id
    ]
    day = on.date() if on is not None else _default_day(ours, files)
    same_day = [(path, a) for path, a in ours if a.date == day]
    existing = next(((p, a) for p, a in same_day if a.consolidation is not None), None)
    if existing is None and same_day:
        path, other = same_day[0]
        if any(answer.is_answered for answer in other.answers.values()):
            raise AssessError(
                f"{path}: the team's assessment of {day} has answers that were not "
                "consolidated from respondents; refusing to replace them (give another --date, "
                "or move that file away)"
            )
        existing = (path, other)  # targets and scoped-out parts only: built upon
    base = existing[1] if existing else None
    record = base.consolidation if base is not None else None
    named = show_names if show_names is not None else (record.named if record else False)
    now = _now()
    try:
        consensus = consolidate(
            questionnaire,
            respondents,
            team,
            day,
            now,
            agreed=record.agreed if record else None,
            base=base,
        )
    except ConsensusError as error:
        raise AssessError(str(error)) from None
    made = consensus.recorded(labels(respondents, named), named, files, now)
    status = "complete" if all(r.status == "complete" for r in respondents) else "in-progress"
    made = made.model_copy(update={"status": status})
    if base is not None:
        made = made.model_copy(
            update={
                "assessors": base.assessors,
                "created": base.created,
                "evidence_found": base.evidence_found,
            }
        )
    if existing is not None:
        store = AssessmentStore.open(existing[0])
        try:
            if store.held_by is not None:
                raise AssessError(
                    f"{existing[0]}: open in another window ({store.held_by}); close it and "
                    "consolidate again"
                )
            store.save(made)
        finally:
            store.close()
        written = existing[0]
    else:
        store = AssessmentStore.new(root, made)
        store.save(made)
        store.close()
        written = store.path
    flagged = len(consensus.disagreements)
    reopened = sum(1 for q in consensus.questions if q.reopened)
    said = f"consolidated {len(respondents)} respondents of {team}: "
    said += f"{flagged} question{'s' if flagged != 1 else ''} where they disagree"
    if record and record.agreed:
        said += f", {len(record.agreed)} agreed answers kept"
    if reopened:
        said += f" ({reopened} reopened: the answers they settled changed)"
    say(said)
    say(f"wrote {written}")
    if flagged:
        say(f"discuss them: assess facilitate {shlex.quote(str(written))}")
    say(f"the report: assess report {shlex.quote(str(written))}")


def _default_day(ours: "list[tuple[Path, Assessment]]", files: dict[str, str]) -> date:
    """The date of the team's consolidated assessment made from any of these files before
    (so consolidating again updates it), else today."""
    earlier = [
        a
        for _, a in ours
        if a.consolidation is not None and set(a.consolidation.files) & set(files)
    ]
    if earlier:
        return max(earlier, key=lambda a: (a.date, a.updated)).date
    return date.today()
