"""`assess export`: every assessment found into one SQLite database for BI tools."""

from pathlib import Path

import click

from assess.cli.app import cli, questionnaires_option, warn
from assess.errors import AssessError


@cli.command("export")
@questionnaires_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The SQLite database to write or bring up to date, e.g. org.sqlite.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes that read the files (default: one per core; 1: read in one process).",
)
def export_command(
    questionnaire_dirs: tuple[Path, ...], paths: tuple[Path, ...], out: Path, jobs: int | None
) -> None:
    """Write teams, assessments, dimension scores, answers, scan evidence and respondents of
    every assessment file in PATHS into a SQLite database; run it again to update it (only new
    or changed files are read)."""
    from assess.files.assessments import assessment_files
    from assess.files.export import export
    from assess.files.export_read import usable_cores
    from assess.files.questionnaires import find_questionnaire
    from assess.files.respondents import respondent_files

    if out.suffix.lower() in (".json", ".yaml", ".yml"):
        raise AssessError(f"{out}: refusing to write the database over a JSON or YAML file")
    files = list(assessment_files(list(paths)))
    if not files:
        raise AssessError("no assessment files (*.json) found in " + ", ".join(map(str, paths)))
    files += respondent_files(list(paths))
    result = export(
        files,
        out,
        lambda qid: find_questionnaire(qid, list(questionnaire_dirs)),
        jobs or usable_cores(),
    )
    for problem in result.problems:
        warn(f"left out: {problem}")
    click.echo(
        f"wrote {out}: {result.assessments} assessments, {result.respondents} respondent files "
        f"({result.read} read, {result.unchanged} unchanged, {result.removed} removed)"
    )
