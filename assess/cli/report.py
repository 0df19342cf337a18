"""`assess report`, and the PDF exporter handed to the terminal questionnaire."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from assess.cli.app import (
    brand_option,
    cli,
    load_brand_file,
    load_with_questionnaire,
    questionnaires_option,
    say,
    warn,
)
from assess.cli.output import (
    REPORT_SUFFIXES,
    check_output,
    check_output_folder,
    force_option,
    output_format,
)

if TYPE_CHECKING:
    from assess.domain.assessment import Assessment
    from assess.domain.questionnaire import Questionnaire
    from assess.report.gap_report import Format
    from assess.report.render import Paper


SUFFIX_OF_FORMAT = {"pdf": ".pdf", "html": ".html", "md": ".md"}


@cli.command()
@questionnaires_option
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the report (default: beside FILE, with the format's suffix); "
    "its suffix (.pdf, .html, .md) gives the format.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "html", "md"]),
    help="The format (default: from the --out suffix, else pdf).",
)
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option(
    "--accessible",
    is_flag=True,
    help="Write a tagged PDF/UA-1: language, title, headings, text alternatives for charts.",
)
@force_option
@brand_option
def report(
    questionnaire_dirs: tuple[Path, ...],
    file: Path,
    out: Path | None,
    fmt: str | None,
    paper: str,
    accessible: bool,
    force: bool,
    brand_file: Path | None,
) -> None:
    """Write the gap report of an assessment: PDF for print, HTML for a browser, Markdown."""
    from assess.report.gap_report import write_gap_report

    fmt = output_format(out, fmt, REPORT_SUFFIXES, "pdf")
    target = out or file.with_suffix(SUFFIX_OF_FORMAT[fmt])
    check_output_folder(target)
    assessment, questionnaire = load_with_questionnaire(file, questionnaire_dirs)
    check_output(target, force=force, inputs=[file])
    brand = load_brand_file(brand_file)
    if accessible and fmt != "pdf":
        warn("--accessible applies to PDF output only; the HTML already carries the same tags")
    missing = write_gap_report(
        questionnaire,
        assessment,
        target,
        fmt=cast("Format", fmt),
        paper=cast("Paper", paper),
        accessible=accessible,
        generated=date.today(),
        brand=brand,
    )
    if message := missing.warning():
        warn(message)
    say(f"wrote {target}")


def export_pdf(
    questionnaire: "Questionnaire", assessment: "Assessment", path: Path, replace: bool = False
) -> Path:
    """The TUI's exporter: writes the gap report of assessment as PDF, dated today. Never over
    data; over an existing file only with replace (raises OutputExists, for the TUI to ask)."""
    from assess.report.gap_report import export_pdf as write

    check_output(path, force=replace)

    write(questionnaire, assessment, path, generated=date.today())
    return path
