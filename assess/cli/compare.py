"""`assess compare`: many teams, and one team over time."""

import io
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.app import cli, questionnaires_option, say, warn
from assess.cli.output import (
    COMPARE_SUFFIXES,
    check_output,
    check_output_folder,
    force_option,
    output_format,
)
from assess.errors import AssessError

if TYPE_CHECKING:
    from assess.domain.assessment import Assessment
    from assess.domain.compare import Comparison

COMPARE_FORMATS = ("table", "pdf", "html", "csv", "json", "md")


def _load_assessments(
    paths: tuple[Path, ...], skip_invalid: bool = False
) -> tuple[list["Assessment"], list[Path]]:
    """Every assessment in paths that has an answer. Damaged and foreign files are all named and
    stop the comparison, unless skip_invalid leaves them out (one warning line each)."""
    from assess.files.assessments import assessment_files, load_assessment
    from assess.files.reading import display

    files = list(assessment_files(list(paths)))
    if not files:
        raise AssessError("no assessment files (*.json) found in " + ", ".join(map(str, paths)))
    assessments = []
    used = []
    invalid = []
    for path in files:
        try:
            assessment = load_assessment(path)
        except AssessError as error:
            problems = error.message.splitlines()
            more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
            invalid.append(problems[0] + more)
            continue
        if not any(answer.is_answered for answer in assessment.answers.values()):
            # An assessment opened and left empty would hide the team's real latest one.
            warn(f"{display(path)}: left out: no question answered yet")
            continue
        assessments.append(assessment)
        used.append(path)
    if invalid and not skip_invalid:
        count = f"{len(invalid)} file" + (" cannot" if len(invalid) == 1 else "s cannot")
        raise AssessError("\n".join([*invalid, f"{count} be read; --skip-invalid leaves them out"]))
    for problem in invalid:
        warn(f"left out: {problem}")
    if not assessments:
        raise AssessError("no assessment with answers to compare")
    return assessments, used


@cli.command()
@questionnaires_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="File to write (default: the terminal; comparison.pdf / .html for those formats); "
    "its suffix (.pdf, .html, .csv, .json, .md, .txt) gives the format.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(COMPARE_FORMATS),
    help="Output format (default: from the --out extension, else table).",
)
@click.option(
    "--questionnaire", "questionnaire_id", help="Compare only assessments of this questionnaire."
)
@click.option(
    "--all-dates", is_flag=True, help="Show every assessment, not only each team's latest."
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Leave out damaged and foreign files (one warning each) instead of stopping.",
)
@force_option
def compare(
    questionnaire_dirs: tuple[Path, ...],
    paths: tuple[Path, ...],
    out: Path | None,
    fmt: str | None,
    questionnaire_id: str | None,
    all_dates: bool,
    skip_invalid: bool,
    force: bool,
) -> None:
    """Compare teams: heat map, common gaps, who is strong where, progress.

    PATHS are assessment files or folders, searched recursively.
    """
    from assess.atomic import write_text_atomically

    fmt = output_format(out, fmt, COMPARE_SUFFIXES, "table")
    target = out or (Path(f"comparison.{fmt}") if fmt in ("pdf", "html") else None)
    if target is not None:  # before the work, not after it
        check_output_folder(target)
        check_output(target, force=force)
    # Built in a function of its own so the assessments are freed before a long PDF render.
    comparison, files = _build_comparison(
        paths, questionnaire_id, all_dates, questionnaire_dirs, skip_invalid
    )
    if fmt in ("pdf", "html"):
        assert target is not None
        check_output(target, force=True, inputs=files)
        _write_comparison_document(comparison, target, fmt)
        say(f"wrote {target} ({_teams(comparison.teams)})", err=True)
        return
    if fmt == "table":
        from rich.console import Console

        from assess.report.compare_table import heat_map

        if out is None:
            console = Console()
            console.print(heat_map(comparison, console.width))
            return
        console = Console(record=True, width=80, file=io.StringIO())
        console.print(heat_map(comparison, 80))
        text = console.export_text()
    else:
        from assess.report import compare_export

        render = {
            "csv": compare_export.to_csv,
            "json": compare_export.to_json,
            "md": compare_export.to_markdown,
        }[fmt]
        text = render(comparison)
    if out is None:
        from assess.safe_text import visible, visible_json

        click.echo(visible_json(text) if fmt == "json" else visible(text, multiline=True), nl=False)
        return
    check_output(out, force=True, inputs=files)
    try:
        write_text_atomically(out, text)
    except OSError as error:
        raise AssessError(f"{out}: cannot be written ({error.strerror})") from None
    say(f"wrote {out} ({_teams(comparison.teams)})", err=True)


def _teams(count: int) -> str:
    return f"{count} team" + ("" if count == 1 else "s")


def _build_comparison(
    paths: tuple[Path, ...],
    questionnaire_id: str | None,
    all_dates: bool,
    questionnaire_dirs: tuple[Path, ...],
    skip_invalid: bool = False,
) -> tuple["Comparison", list[Path]]:
    from assess.domain.compare import choose_questionnaire, compare
    from assess.files.questionnaires import find_questionnaire

    assessments, files = _load_assessments(paths, skip_invalid)
    chosen = choose_questionnaire(assessments, questionnaire_id)
    questionnaire = find_questionnaire(chosen, list(questionnaire_dirs))
    selected = [a for a in assessments if a.questionnaire == chosen]
    return compare(questionnaire, selected, all_dates), files


def _write_comparison_document(comparison: "Comparison", target: Path, fmt: str) -> None:
    from assess.report.compare_document import estimated_pages, write_comparison
    from assess.report.compare_progress import pdf_progress

    with pdf_progress(estimated_pages(comparison)):
        missing = write_comparison(comparison, target, fmt)
    if message := missing.warning():
        warn(message)
