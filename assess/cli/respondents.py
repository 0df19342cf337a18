"""`assess collect`, `assess consolidate`, `assess form` and `assess import`: several members of
a team answer, each in a respondent file, and the team's assessment is consolidated from them."""

import shlex
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assess.cli.app import cli, questionnaires_option, say, warn
from assess.cli.output import check_output, check_output_folder, force_option, output_format
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
        where = f" --dir {shlex.quote(str(root))}" if root != default_root() else ""
        say(f"discuss them: assess facilitate --team {shlex.quote(team)}{where}")
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


FORM_SUFFIXES = {".csv": "csv", ".md": "md", ".markdown": "md"}


@cli.command()
@questionnaires_option
@click.option("--questionnaire", "questionnaire_ref", help="Questionnaire id or YAML path.")
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the form (default: the terminal); .csv or .md gives the format.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "md"]), help="The format (default: csv)."
)
@force_option
def form(
    questionnaire_dirs: tuple[Path, ...],
    questionnaire_ref: str | None,
    out: Path | None,
    fmt: str | None,
    force: bool,
) -> None:
    """Write a questionnaire as a form template: CSV for a spreadsheet (one column per
    question, a row of question texts and a row of allowed values), Markdown to build an online
    form from. `assess import` reads the filled-in CSV or the form tool's CSV export."""
    from assess.atomic import write_text_atomically
    from assess.files.questionnaires import find_questionnaire
    from assess.report.form import form_csv, form_markdown

    fmt = output_format(out, fmt, FORM_SUFFIXES, "csv")
    if out is not None:
        check_output_folder(out)
    questionnaire = find_questionnaire(questionnaire_ref, list(questionnaire_dirs))
    text = form_csv(questionnaire) if fmt == "csv" else form_markdown(questionnaire)
    if out is None:
        click.echo(text, nl=False)
        return
    check_output(out, force=force)
    write_text_atomically(out, text)
    questions = sum(1 for _ in questionnaire.questions())
    say(f"wrote {out} ({questions} questions of '{questionnaire.id}' {questionnaire.version})")


@cli.command("import")
@questionnaires_option
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--team", required=True, help="The team whose members answered.")
@click.option("--questionnaire", "questionnaire_ref", help="Questionnaire id or YAML path.")
@_dir_option
@click.option(
    "--respondent-column",
    help="The column holding each respondent's name or e-mail (default: anonymous).",
)
@click.option(
    "--date",
    "on",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Date of the respondents' answers (default today).",
)
def import_responses(
    questionnaire_dirs: tuple[Path, ...],
    file: Path,
    team: str,
    questionnaire_ref: str | None,
    root: Path | None,
    respondent_column: str | None,
    on: Any,
) -> None:
    """Read a form's CSV export (one row per respondent) into respondent files of the team.

    Headers may be question ids or texts, cells choice texts or ids, "Don't know" or "Not
    applicable". Every bad cell is listed and nothing is written unless all rows are valid;
    rows imported before are skipped, so importing a later export again adds only new rows."""
    from assess.domain.assessment import normal_team
    from assess.files.assessments import default_root
    from assess.files.form_import import read_responses, write_rows
    from assess.files.questionnaires import find_questionnaire

    root = root or default_root()
    team = normal_team(team.strip())
    if not team:
        raise AssessError("--team needs a name")
    questionnaire = find_questionnaire(questionnaire_ref, list(questionnaire_dirs))
    now = _now()
    day = on.date() if on is not None else date.today()
    rows, left_out = read_responses(file, questionnaire, team, day, now, respondent_column)
    if left_out:
        warn(
            f"{len(left_out)} columns are no question of '{questionnaire.id}' and were left "
            "out: " + ", ".join(left_out)
        )
    written, skipped = write_rows(root, rows)
    said = f"imported {len(written)} respondents of {team} from {file.name}"
    if skipped:
        said += f"; {skipped} rows were imported before and are skipped"
    say(said)
    if written:
        say(f"next: assess consolidate --team {shlex.quote(team)}")
