"""`assess score` and `assess demo`."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assess.cli.app import cli, load_with_questionnaire, questionnaires_option, say

if TYPE_CHECKING:
    from assess.domain.questionnaire import Questionnaire


@cli.command()
@questionnaires_option
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def score(questionnaire_dirs: tuple[Path, ...], file: Path, fmt: str) -> None:
    """Show the scorecard of an assessment."""
    from assess.domain.scoring import score as compute

    assessment, questionnaire = load_with_questionnaire(file, questionnaire_dirs)
    card = compute(questionnaire, assessment)
    if fmt == "json":
        from assess.report.scorecard_json import scorecard_json
        from assess.safe_text import visible_json

        click.echo(visible_json(scorecard_json(questionnaire, assessment, card)))
    else:
        from rich.console import Console

        from assess.report.terminal import scorecard_table

        Console().print(scorecard_table(questionnaire, assessment, card))


REPORT_SUFFIXES = {"pdf": ".pdf", "html": ".html", "md": ".md"}


@cli.command()
@questionnaires_option
@click.option("--teams", default=8, show_default=True, type=click.IntRange(1, 5000))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option(
    "--date",
    "on",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Date of the latest assessments (default today).",
)
@click.option("--questionnaire", "questionnaire_ref", help="Questionnaire id or YAML path.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("demo-assessments"),
    show_default=True,
)
@click.option(
    "--respondents/--no-respondents",
    default=True,
    show_default=True,
    help="Also a team answered by five respondents, consolidated (team Streaming).",
)
def demo(
    questionnaire_dirs: tuple[Path, ...],
    teams: int,
    seed: int,
    on: Any,
    questionnaire_ref: str | None,
    out: Path,
    respondents: bool,
) -> None:
    """Write sample assessments, to try `report` and `compare` at once."""
    from assess.domain.samples import sample_assessments
    from assess.files.assessments import save_assessment, standard_path
    from assess.files.demo_folder import check_demo_folder, record_demo_files
    from assess.files.questionnaires import find_questionnaire

    check_demo_folder(out)
    questionnaire = find_questionnaire(questionnaire_ref, list(questionnaire_dirs))
    today = on.date() if on is not None else date.today()
    samples = sample_assessments(questionnaire, teams, seed, today)
    written = []
    for assessment in samples:
        path = standard_path(out, assessment)
        save_assessment(assessment, path)
        written.append(path)
    team_paths, flagged = (
        _demo_respondents(questionnaire, seed, today, out) if respondents else ([], 0)
    )
    written += team_paths
    record_demo_files(out, written)
    click.echo(
        f"wrote {len(samples)} sample assessments of {len(set(a.team for a in samples))} "
        f"teams to {out}/"
    )
    if team_paths:
        say(
            f"and a team answered by {len(team_paths) - 1} respondents, consolidated, who "
            f"disagree on {flagged} questions: {team_paths[-1]}"
        )


def _demo_respondents(
    questionnaire: "Questionnaire", seed: int, today: date, out: Path
) -> tuple[list[Path], int]:
    """The sample team with respondents: their files and the team's consolidated assessment
    (written last); and the number of questions they disagree on."""
    from datetime import UTC, datetime, time

    from assess.domain.consensus import consolidate, labels
    from assess.domain.samples import sample_respondents
    from assess.files.assessments import save_assessment, standard_path
    from assess.files.respondents import file_hashes, respondent_path

    # In file name order, as `assess consolidate` reads them, so the numbering is the same.
    placed = sorted(
        ((respondent_path(out, m), m) for m in sample_respondents(questionnaire, seed, today)),
        key=lambda item: item[0].name,
    )
    members = [m for _, m in placed]
    paths = [p for p, _ in placed]
    for path, member in placed:
        save_assessment(member, path)
    now = datetime.combine(today, time(14, 0), tzinfo=UTC)
    consensus = consolidate(questionnaire, members, members[0].team, today, now)
    team = consensus.recorded(labels(members, False), False, file_hashes(paths), now)
    team = team.model_copy(update={"status": "complete", "assessors": ["K. Osei"]})
    path = standard_path(out, team)
    save_assessment(team, path)
    return [*paths, path], len(consensus.disagreements)


COMPARE_FORMATS = ("table", "pdf", "html", "csv", "json", "md")
