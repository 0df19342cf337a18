"""`assess compare`: many teams, and one team over time."""

import io
import itertools
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from assess.cli.app import (
    brand_option,
    cli,
    load_brand_file,
    questionnaires_option,
    say,
    warn,
)
from assess.cli.output import (
    COMPARE_SUFFIXES,
    check_output,
    check_output_folder,
    force_option,
    output_format,
)
from assess.errors import AssessError

if TYPE_CHECKING:
    from fractions import Fraction

    from assess.domain.assessment import Assessment
    from assess.domain.compare import Comparison, Order
    from assess.domain.questionnaire import Questionnaire

COMPARE_FORMATS = ("table", "pdf", "html", "csv", "json", "md")


class _Reader:
    """Reads the assessment files one at a time, so that a comparison holds only what it keeps
    of each (a few numbers per dimension), never them all. Counts them per questionnaire;
    damaged and foreign files are collected and named once every file is read; an assessment
    with no answer is left out with a warning (it would hide the team's real latest one)."""

    def __init__(self, paths: tuple[Path, ...]) -> None:
        from assess.files.assessments import assessment_files

        self.files = list(assessment_files(list(paths)))
        if not self.files:
            raise AssessError("no assessment files (*.json) found in " + ", ".join(map(str, paths)))
        self.counts: Counter[str] = Counter()
        self.used: list[Path] = []
        self.invalid: list[str] = []
        self.stale: list[str] = []
        """Teams whose respondent files changed since their assessment was consolidated."""

    def __iter__(self) -> "Iterator[Assessment]":
        from assess.files.assessments import load_assessment
        from assess.files.reading import display

        for path in self.files:
            try:
                # Only the consolidation's respondents and per-dimension figures are compared.
                assessment = load_assessment(path, summary=True)
            except AssessError as error:
                problems = error.message.splitlines()
                more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
                self.invalid.append(problems[0] + more)
                continue
            if not any(answer.is_answered for answer in assessment.answers.values()):
                warn(f"{display(path)}: left out: no question answered yet")
                continue
            if assessment.consolidation is not None:
                from assess.files.respondents import files_now, stale

                now = files_now(path, assessment)
                if now is not None and stale(assessment, now):
                    self.stale.append(assessment.team)
            self.counts[assessment.questionnaire] += 1
            self.used.append(path)
            yield assessment

    def check(self, skip_invalid: bool) -> None:
        """After reading: stop on damaged files unless asked to leave them out."""
        if self.invalid and not skip_invalid:
            count = f"{len(self.invalid)} file" + (
                " cannot" if len(self.invalid) == 1 else "s cannot"
            )
            raise AssessError(
                "\n".join([*self.invalid, f"{count} be read; --skip-invalid leaves them out"])
            )
        for problem in self.invalid:
            warn(f"left out: {problem}")
        if self.stale:
            teams = sorted(set(self.stale))
            shown = ", ".join(teams[:5]) + (f" and {len(teams) - 5} more" if len(teams) > 5 else "")
            warn(
                f"respondent files changed since the consolidation of {shown}; run assess "
                "consolidate --team for each again"
            )
        if not self.counts:
            raise AssessError("no assessment with answers to compare")


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
    "--sort",
    "order",
    type=click.Choice(["overall", "agreement", "team"]),
    default="overall",
    show_default=True,
    help="Order of the teams: best overall first; least agreement among respondents first "
    "(teams without respondents last); or by name.",
)
@click.option(
    "--min-agreement",
    metavar="SHARE",
    help="Compare only teams whose respondents agree on at least this share of the questions "
    "(0.8 or 80%); teams without respondents are left out.",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Leave out damaged and foreign files (one warning each) instead of stopping.",
)
@force_option
@brand_option
def compare(
    questionnaire_dirs: tuple[Path, ...],
    paths: tuple[Path, ...],
    out: Path | None,
    fmt: str | None,
    questionnaire_id: str | None,
    all_dates: bool,
    order: str,
    min_agreement: str | None,
    skip_invalid: bool,
    force: bool,
    brand_file: Path | None,
) -> None:
    """Compare teams: heat map, common gaps, who is strong where, progress.

    PATHS are assessment files or folders, searched recursively.
    """
    from assess.atomic import write_text_atomically

    fmt = output_format(out, fmt, COMPARE_SUFFIXES, "table")
    least = _share(min_agreement) if min_agreement is not None else None
    target = out or (Path(f"comparison.{fmt}") if fmt in ("pdf", "html") else None)
    if target is not None:  # before the work, not after it
        check_output_folder(target)
        check_output(target, force=force)
    comparison, files = _build_comparison(
        paths,
        questionnaire_id,
        all_dates,
        questionnaire_dirs,
        skip_invalid,
        order=cast("Order", order),
        min_agreement=least,
    )
    if fmt in ("pdf", "html"):
        assert target is not None
        check_output(target, force=True, inputs=files)
        _write_comparison_document(comparison, target, fmt, brand_file)
        say(f"wrote {target} ({_teams(comparison.teams)})", err=True)
        return
    if fmt == "table":
        from rich.console import Console

        from assess.report.compare_table import heat_map

        if out is None:
            console = Console()
            # Line by line: rich would otherwise hold the whole map's output before writing it.
            for part in heat_map(comparison, console.width).renderables:
                console.print(part)
            return
        console = Console(record=True, width=80, file=io.StringIO())
        console.print(heat_map(comparison, 80))
        text = console.export_text()
    else:
        from assess.report import compare_export

        if fmt == "csv" and out is None:
            # Written row by row: thousands of teams make a CSV of tens of megabytes.
            compare_export.write_csv(comparison, _TerminalWriter())
            return

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


class _TerminalWriter:
    """A file-like object for csv: each piece goes to stdout in its visible form."""

    def write(self, text: str) -> int:
        from assess.safe_text import visible

        click.echo(visible(text, multiline=True), nl=False)
        return len(text)


def _share(text: str) -> "Fraction":
    """'0.8', '80%' or '4/5' as an exact share between 0 and 1."""
    from fractions import Fraction

    written = text.strip()
    percent = written.endswith("%")
    try:
        share = Fraction(written.removesuffix("%").strip())
    except (ValueError, ZeroDivisionError):
        share = Fraction(-1)
    if percent:
        share /= 100
    if not 0 <= share <= 1:
        raise AssessError(
            f"--min-agreement {text!r}: give a share from 0 to 1 (0.8) or a percentage (80%)"
        )
    return share


def _teams(count: int) -> str:
    return f"{count} team" + ("" if count == 1 else "s")


def _build_comparison(
    paths: tuple[Path, ...],
    questionnaire_id: str | None,
    all_dates: bool,
    questionnaire_dirs: tuple[Path, ...],
    skip_invalid: bool = False,
    order: "Order" = "overall",
    min_agreement: "Fraction | None" = None,
) -> tuple["Comparison", list[Path]]:
    from assess.domain.compare import choose_from_counts, compare
    from assess.files.questionnaires import find_questionnaire

    reader = _Reader(paths)
    stream = iter(reader)
    chosen = questionnaire_id
    if chosen is None:
        # The first assessment names the questionnaire; another one found later is an error.
        first = next(stream, None)
        if first is None:
            reader.check(skip_invalid)
            raise AssessError("no assessment with answers to compare")
        chosen = first.questionnaire
        stream = itertools.chain([first], stream)
    questionnaire = find_questionnaire(chosen, list(questionnaire_dirs))
    try:
        on_current = _VersionReader(questionnaire, questionnaire_dirs)
        comparison = compare(
            questionnaire,
            (on_current(a) for a in stream if a.questionnaire == chosen),
            all_dates,
            order=order,
            min_agreement=min_agreement,
        )
    except AssessError:
        # Every file was read: name damaged files, or the questionnaires there are, if that is
        # why nothing was compared.
        reader.check(skip_invalid)
        choose_from_counts(reader.counts, questionnaire_id)
        raise
    reader.check(skip_invalid)
    choose_from_counts(reader.counts, questionnaire_id)
    return comparison, reader.used


class _VersionReader:
    """Reads an assessment of an earlier version through the model's mapping, so that its
    dimensions that carry over compare with later ones; each archived version is loaded once,
    and a version with no archived copy or no mapping is compared as it is."""

    def __init__(self, questionnaire: "Questionnaire", dirs: tuple[Path, ...]) -> None:
        self.questionnaire = questionnaire
        self.dirs = dirs
        self.earlier: dict[str, Questionnaire | None] = {}

    def __call__(self, assessment: "Assessment") -> "Assessment":
        version = assessment.questionnaire_version
        if version == self.questionnaire.version:
            return assessment
        if version not in self.earlier:
            from assess.files.questionnaires import find_questionnaire

            found = find_questionnaire(self.questionnaire.id, list(self.dirs), version)
            self.earlier[version] = found if found.version == version else None
        earlier = self.earlier[version]
        if earlier is None:
            return assessment
        from assess.domain.versions import translate

        translated = translate(assessment, earlier, self.questionnaire)
        return assessment if translated is None else translated.assessment


def _write_comparison_document(
    comparison: "Comparison", target: Path, fmt: str, brand_file: Path | None = None
) -> None:
    from assess.report.compare_document import estimated_pages, write_comparison
    from assess.report.compare_progress import pdf_progress

    brand = load_brand_file(brand_file)
    with pdf_progress(estimated_pages(comparison)):
        missing = write_comparison(comparison, target, fmt, brand)
    if message := missing.warning():
        warn(message)
