"""The command line: parses arguments, loads files, calls the rest, prints results.

Heavy libraries (pydantic models, textual, weasyprint) are imported inside the commands that need
them, so `assess --help` starts as fast as click itself.
"""

import io
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from assess import __version__
from assess.errors import AssessError

if TYPE_CHECKING:
    from assess.domain.assessment import Assessment
    from assess.domain.compare import Comparison
    from assess.domain.questionnaire import Questionnaire
    from assess.report.gap_report import Format
    from assess.report.render import Paper
    from assess.tui.context import FillContext

F = TypeVar("F", bound=Callable[..., Any])


class Cli(click.Group):
    """Turns an AssessError into one clear line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AssessError as error:
            for line in error.message.splitlines():
                click.echo(f"error: {line}", err=True)
            ctx.exit(1)


def questionnaires_option(func: F) -> F:
    return click.option(
        "--questionnaires",
        "questionnaire_dirs",
        multiple=True,
        type=click.Path(path_type=Path, file_okay=False),
        help="A folder of your own questionnaire YAML files (repeatable; also "
        "$ASSESS_QUESTIONNAIRES).",
    )(func)


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def load_with_questionnaire(
    path: Path, dirs: tuple[Path, ...]
) -> tuple["Assessment", "Questionnaire"]:
    """An assessment and the questionnaire it answers, warning when the model changed since."""
    from assess.domain.assessment import mismatch_warning
    from assess.files.assessments import load_assessment
    from assess.files.questionnaires import find_questionnaire

    assessment = load_assessment(path)
    questionnaire = find_questionnaire(assessment.questionnaire, list(dirs))
    warning = mismatch_warning(assessment, questionnaire)
    if warning:
        warn(warning)
    return assessment, questionnaire


def fill_context(
    dirs: list[Path],
    questionnaire_ref: str | None,
    team: str | None,
    assessor: str | None,
    resume: Path | None,
    root: Path,
    now: "Callable[[], datetime] | None" = None,
) -> "FillContext":
    """Everything the terminal questionnaire needs, as plain data and callables bound to files.

    `now` is the clock (tests pass a fixed one); by default local time to the second."""
    from functools import cache, partial

    from assess.domain.assessment import mismatch_warning
    from assess.files.assessments import load_assessment, new_path, save_assessment, scan
    from assess.files.questionnaires import DEFAULT_ID, discover, load_questionnaire, resolve
    from assess.tui.begin import begin
    from assess.tui.context import FillContext, InProgressEntry, Opened, QuestionnaireEntry

    load = cache(load_questionnaire)

    def opened(path: Path, assessment: "Assessment", questionnaire: "Questionnaire") -> Opened:
        return Opened(
            questionnaire,
            assessment,
            path,
            partial(save_assessment, path=path),
            mismatch_warning(assessment, questionnaire),
        )

    def open_file(path: Path) -> Opened:
        assessment = load_assessment(path)
        return opened(path, assessment, load(resolve(assessment.questionnaire, dirs)))

    def create(questionnaire: "Questionnaire", assessment: "Assessment") -> Opened:
        path = new_path(root, assessment)
        save_assessment(assessment, path)
        return opened(path, assessment, questionnaire)

    def local_now() -> datetime:
        return datetime.now().astimezone().replace(microsecond=0)

    found = [(path, a) for path, a in scan(root) if not isinstance(a, AssessError)]

    def latest_complete(team: str, questionnaire_id: str) -> "Assessment | None":
        done = [
            a
            for _, a in found
            if a.team == team and a.questionnaire == questionnaire_id and a.status == "complete"
        ]
        return max(done, key=lambda a: (a.date, a.updated), default=None)

    chosen = None
    if questionnaire_ref is not None:
        path = resolve(questionnaire_ref, dirs)
        q = load(path)
        chosen = QuestionnaireEntry(q.id, q.title, partial(load, path))
    context = FillContext(
        questionnaires=[],
        preselected=chosen.id if chosen else DEFAULT_ID,
        in_progress=[],
        latest_complete=latest_complete,
        create=create,
        now=now or local_now,
        export_pdf=export_pdf,
        team=team,
        assessor=assessor,
    )
    if resume is not None:
        return replace(context, opened=open_file(resume))
    if team and chosen:
        return replace(context, opened=begin(context, chosen, team, assessor or "", prefill=True))

    entries = [chosen] if chosen else []
    for source in discover(dirs):
        try:
            q = load(source.path)
        except AssessError as error:
            warn(f"skipped a broken questionnaire: {error.message.splitlines()[0]}")
            continue
        if chosen is None or q.id != chosen.id:
            entries.append(QuestionnaireEntry(q.id, q.title, partial(load, source.path)))
    totals = {entry.id: sum(1 for _ in entry.load().questions()) for entry in entries}
    in_progress = [
        InProgressEntry(
            a.team,
            a.date,
            a.questionnaire,
            # Answers to questions the model has since dropped are kept in the file: cap at 1.
            min(1.0, sum(1 for x in a.answers.values() if x.is_answered) / totals[a.questionnaire]),
            partial(open_file, path),
        )
        for path, a in sorted(found, key=lambda item: item[1].updated, reverse=True)
        if a.status == "in-progress" and a.questionnaire in totals
    ]
    return replace(context, questionnaires=entries, in_progress=in_progress)


def fill_options(func: F) -> F:
    """The options of `assess fill`, also accepted by `assess` alone."""
    for option in reversed(
        [
            click.option(
                "--questionnaire", "questionnaire_ref", help="Questionnaire id or YAML path."
            ),
            click.option("--team", help="The team assessed."),
            click.option("--assessor", help="Who runs the assessment."),
            click.option(
                "--resume",
                type=click.Path(path_type=Path, dir_okay=False),
                help="An assessment file to continue.",
            ),
            click.option(
                "--dir",
                "root",
                type=click.Path(path_type=Path, file_okay=False),
                help="Assessments folder (default ./assessments, or $ASSESS_DIR).",
            ),
        ]
    ):
        func = option(func)
    return questionnaires_option(func)


@click.group(cls=Cli, invoke_without_command=True)
@click.version_option(__version__, prog_name="assess")
@fill_options
@click.pass_context
def cli(ctx: click.Context, /, **fill_params: Any) -> None:
    """Measure a team's DevOps and MLOps maturity, see the gap to its target, compare teams.

    With no command, opens the questionnaire (the same as `assess fill`, with its options).
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(fill, **fill_params)
    elif any(value not in (None, ()) for value in fill_params.values()):
        raise click.UsageError(
            f"options before '{ctx.invoked_subcommand}' belong to the questionnaire "
            "(`assess fill`); give them without a command"
        )


@cli.command()
@fill_options
def fill(
    questionnaire_dirs: tuple[Path, ...],
    questionnaire_ref: str | None,
    team: str | None,
    assessor: str | None,
    resume: Path | None,
    root: Path | None,
) -> None:
    """Fill in a questionnaire in the terminal; every answer is saved at once."""
    from assess.files.assessments import default_root

    context = fill_context(
        list(questionnaire_dirs),
        questionnaire_ref,
        team,
        assessor,
        resume,
        root or default_root(),
    )
    from assess.tui.app import AssessApp  # textual: only for this command

    app = AssessApp(context)
    outcome = app.run()
    if app.return_code:
        sys.exit(app.return_code)
    if outcome is not None:
        finished = outcome.assessment.status == "complete"
        answered = sum(1 for a in outcome.assessment.answers.values() if a.is_answered)
        click.echo(f"saved {outcome.path} ({'complete' if finished else f'{answered} answers'})")
        if finished:
            click.echo(f"see the scores: assess score {outcome.path}")
        else:
            click.echo(f"continue with: assess fill --resume {outcome.path}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check questionnaire YAML files; report every problem with file and line."""
    from assess.files.questionnaires import load_questionnaire

    failed = False
    for path in paths:
        try:
            questionnaire = load_questionnaire(path)
        except AssessError as error:
            failed = True
            click.echo(error.message, err=True)
            continue
        questions = sum(1 for _ in questionnaire.questions())
        dimensions = sum(1 for _ in questionnaire.dimensions())
        click.echo(f"{path}: ok ({dimensions} dimensions, {questions} questions)")
    if failed:
        sys.exit(1)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the questionnaire format (for editor completion)."""
    import json

    from assess.domain.questionnaire import Questionnaire

    click.echo(json.dumps(Questionnaire.model_json_schema(), indent=2))


@cli.command("questionnaires")
@questionnaires_option
def list_questionnaires(questionnaire_dirs: tuple[Path, ...]) -> None:
    """List the bundled questionnaires and your own."""
    from rich.console import Console
    from rich.table import Table

    from assess.files.questionnaires import discover, load_questionnaire

    table = Table("id", "title", "version", "dimensions", "questions", "source")
    broken = []
    for source in discover(list(questionnaire_dirs)):
        try:
            q = load_questionnaire(source.path)
        except AssessError as error:
            broken.append(error.message.splitlines()[0])
            continue
        table.add_row(
            q.id,
            q.title,
            q.version,
            str(sum(1 for _ in q.dimensions())),
            str(sum(1 for _ in q.questions())),
            "bundled" if source.bundled else str(source.path),
        )
    Console().print(table)
    for message in broken:
        warn(f"skipped a broken questionnaire: {message}")


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

        click.echo(scorecard_json(questionnaire, assessment, card))
    else:
        from rich.console import Console

        from assess.report.terminal import scorecard_table

        Console().print(scorecard_table(questionnaire, assessment, card))


REPORT_SUFFIXES = {"pdf": ".pdf", "html": ".html", "md": ".md"}


@cli.command()
@questionnaires_option
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the report (default: beside FILE, with the format's suffix).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["pdf", "html", "md"]), default="pdf", show_default=True
)
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option(
    "--accessible",
    is_flag=True,
    help="Write a tagged PDF/UA-1: language, title, headings, text alternatives for charts.",
)
def report(
    questionnaire_dirs: tuple[Path, ...],
    file: Path,
    out: Path | None,
    fmt: str,
    paper: str,
    accessible: bool,
) -> None:
    """Write the gap report of an assessment: PDF for print, HTML for a browser, Markdown."""
    from assess.report.gap_report import write_gap_report

    assessment, questionnaire = load_with_questionnaire(file, questionnaire_dirs)
    target = out or file.with_suffix(REPORT_SUFFIXES[fmt])
    if target.resolve() == file.resolve():
        raise AssessError(f"{file}: refusing to write the report over the assessment itself")
    if accessible and fmt != "pdf":
        warn("--accessible applies to PDF output only; the HTML already carries the same tags")
    write_gap_report(
        questionnaire,
        assessment,
        target,
        fmt=cast("Format", fmt),
        paper=cast("Paper", paper),
        accessible=accessible,
        generated=date.today(),
    )
    click.echo(f"wrote {target}")


def export_pdf(questionnaire: "Questionnaire", assessment: "Assessment", path: Path) -> Path:
    """The TUI's exporter: writes the gap report of assessment as PDF, dated today."""
    from assess.report.gap_report import export_pdf as write

    write(questionnaire, assessment, path, generated=date.today())
    return path


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
def demo(
    questionnaire_dirs: tuple[Path, ...],
    teams: int,
    seed: int,
    on: Any,
    questionnaire_ref: str | None,
    out: Path,
) -> None:
    """Write sample assessments, to try `report` and `compare` at once."""
    from assess.domain.samples import sample_assessments
    from assess.files.assessments import save_assessment, standard_path
    from assess.files.questionnaires import find_questionnaire

    questionnaire = find_questionnaire(questionnaire_ref, list(questionnaire_dirs))
    today = on.date() if on is not None else date.today()
    samples = sample_assessments(questionnaire, teams, seed, today)
    for assessment in samples:
        save_assessment(assessment, standard_path(out, assessment))
    click.echo(
        f"wrote {len(samples)} sample assessments of {len(set(a.team for a in samples))} "
        f"teams to {out}/"
    )


COMPARE_FORMATS = ("table", "pdf", "html", "csv", "json", "md")


def _compare_format(fmt: str | None, out: Path | None) -> str:
    """The format asked for, else the one the output file's extension names, else a table."""
    if fmt is not None:
        return fmt
    if out is not None:
        suffix = out.suffix.lower().lstrip(".")
        if suffix in COMPARE_FORMATS and suffix != "table":
            return suffix
        if suffix == "markdown":
            return "md"
    return "table"


def _load_assessments(paths: tuple[Path, ...]) -> tuple[list["Assessment"], list[Path]]:
    """Every assessment in paths; a damaged file stops with one line naming it."""
    from assess.files.assessments import assessment_files, load_assessment

    files = list(assessment_files(list(paths)))
    if not files:
        raise AssessError("no assessment files (*.json) found in " + ", ".join(map(str, paths)))
    assessments = []
    for path in files:
        try:
            assessments.append(load_assessment(path))
        except AssessError as error:
            problems = error.message.splitlines()
            more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
            raise AssessError(problems[0] + more) from None
    return assessments, files


def _check_output(out: Path, inputs: list[Path]) -> None:
    """Never write a report over an assessment or questionnaire file."""
    resolved = out.resolve()
    if out.suffix.lower() in (".yaml", ".yml") or any(resolved == p.resolve() for p in inputs):
        raise AssessError(f"{out}: refusing to write the comparison over a YAML file")
    if out.is_dir():
        raise AssessError(f"{out}: is a folder; name the file to write")


@cli.command()
@questionnaires_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="File to write (default: the terminal; comparison.pdf / .html for those formats).",
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
def compare(
    questionnaire_dirs: tuple[Path, ...],
    paths: tuple[Path, ...],
    out: Path | None,
    fmt: str | None,
    questionnaire_id: str | None,
    all_dates: bool,
) -> None:
    """Compare teams: heat map, common gaps, who is strong where, progress.

    PATHS are assessment files or folders, searched recursively.
    """
    from assess.files.assessments import write_atomically

    fmt = _compare_format(fmt, out)
    # Built in a function of its own so the assessments are freed before a long PDF render.
    comparison, files = _build_comparison(paths, questionnaire_id, all_dates, questionnaire_dirs)
    if fmt in ("pdf", "html"):
        target = out or Path(f"comparison.{fmt}")
        _check_output(target, files)
        _write_comparison_document(comparison, target, fmt)
        click.echo(f"wrote {target} ({_teams(comparison.teams)})", err=True)
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
        click.echo(text, nl=False)
        return
    _check_output(out, files)
    try:
        write_atomically(out, text)
    except OSError as error:
        raise AssessError(f"{out}: cannot be written ({error.strerror})") from None
    click.echo(f"wrote {out} ({_teams(comparison.teams)})", err=True)


def _teams(count: int) -> str:
    return f"{count} team" + ("" if count == 1 else "s")


def _build_comparison(
    paths: tuple[Path, ...],
    questionnaire_id: str | None,
    all_dates: bool,
    questionnaire_dirs: tuple[Path, ...],
) -> tuple["Comparison", list[Path]]:
    from assess.domain.compare import choose_questionnaire, compare
    from assess.files.questionnaires import find_questionnaire

    assessments, files = _load_assessments(paths)
    chosen = choose_questionnaire(assessments, questionnaire_id)
    questionnaire = find_questionnaire(chosen, list(questionnaire_dirs))
    selected = [a for a in assessments if a.questionnaire == chosen]
    return compare(questionnaire, selected, all_dates), files


def _write_comparison_document(comparison: "Comparison", target: Path, fmt: str) -> None:
    from assess.report.compare_document import estimated_pages, write_comparison
    from assess.report.compare_progress import pdf_progress

    with pdf_progress(estimated_pages(comparison)):
        write_comparison(comparison, target, fmt)


def main() -> None:
    cli(prog_name="assess")
