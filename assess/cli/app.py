"""The `assess` command group and what its commands share."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from assess import __version__
from assess.errors import AssessError
from assess.safe_text import visible

if TYPE_CHECKING:
    from assess.domain.assessment import Assessment
    from assess.domain.brand import Brand
    from assess.domain.questionnaire import Questionnaire

F = TypeVar("F", bound=Callable[..., Any])


COMMANDS = {
    "collect": (
        "respondents",
        "Copy respondent files filled elsewhere into their team's respondents folder.",
    ),
    "compare": ("compare", "Compare teams: heat map, common gaps, who is strong where, progress."),
    "consolidate": (
        "respondents",
        "Make the team's assessment from its respondents' files: per question the lower "
        "median, the spread and a flag where the team disagrees.",
    ),
    "demo": ("scores", "Write sample assessments, to try `report` and `compare` at once."),
    "export": (
        "export",
        "Write teams, assessments, dimension scores, answers, scan evidence and "
        "respondents of every assessment file in PATHS into a SQLite database; run it "
        "again to update it (only new or changed files are read).",
    ),
    "facilitate": (
        "facilitate",
        "Go through the questions a team's respondents disagree on and record the agreed "
        "answers; each decision is saved at once in the team's consolidated assessment.",
    ),
    "fill": ("fill", "Fill in a questionnaire in the terminal; every answer is saved at once."),
    "form": (
        "respondents",
        "Write a questionnaire as a form template: CSV for a spreadsheet (one column per "
        "question, a row of question texts and a row of allowed values), Markdown to "
        "build an online form from.",
    ),
    "import": (
        "respondents",
        "Read a form's CSV export (one row per respondent) into respondent files of the team.",
    ),
    "questionnaires": ("models", "List the bundled questionnaires and your own."),
    "report": (
        "report",
        "Write the gap report of an assessment: PDF for print, HTML for a browser, Markdown.",
    ),
    "roadmap": (
        "roadmap",
        "Write the roadmap of an assessment as backlog items: one level step per "
        'dimension and quarter, "find out" steps for "don\'t know" answers, with ids that '
        "stay the same next quarter.",
    ),
    "scan": ("scan", "Scan a team's git checkouts (read only, offline) for evidence per question."),
    "schema": (
        "models",
        "Print the JSON Schema of the questionnaire format (for editor completion).",
    ),
    "score": ("scores", "Show the scorecard of an assessment."),
    "validate": (
        "models",
        "Check questionnaire YAML files; report every problem with file and line.",
    ),
}
"""Each command: the module of assess.cli that registers it on the group when imported, and the
first sentence of its help, which `assess --help` lists without importing the module (the
modules of all commands were a third of its time). A test checks that the lists agree."""


class Cli(click.Group):
    """Turns an AssessError into one clear line on stderr and exit status 1.

    A command's module is imported when the command is looked up, so that `assess` (the
    questionnaire) and each command load only their own module."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            import importlib

            importlib.import_module(f"assess.cli.{COMMANDS[cmd_name][0]}")
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands with their short help, as click lists them, from COMMANDS."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows: list[tuple[str, str]] = []
        for name in names:
            if name in COMMANDS:
                # Cut to the terminal as click cuts a command's help.
                summary = click.Command(name, help=COMMANDS[name][1])
                rows.append((name, summary.get_short_help_str(limit)))
            elif (command := self.get_command(ctx, name)) is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AssessError as error:
            for line in error.message.splitlines():
                click.echo(f"error: {visible(line)}", err=True)
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


def brand_option(func: F) -> F:
    return click.option(
        "--brand",
        "brand_file",
        type=click.Path(path_type=Path, dir_okay=False),
        help="A brand YAML file (name, logo, accent, footer) for the PDF and HTML.",
    )(func)


def load_brand_file(path: Path | None) -> "Brand | None":
    if path is None:
        return None
    from assess.files.brand import load_brand

    return load_brand(path)


def warn(message: str) -> None:
    for line in message.splitlines():
        click.echo(f"warning: {visible(line)}", err=True)


def say(message: str, err: bool = False) -> None:
    """A line for the terminal that holds text from files or arguments (paths, team names)."""
    click.echo(visible(message, multiline=True), err=err)


def load_with_questionnaire(
    path: Path, dirs: tuple[Path, ...]
) -> tuple["Assessment", "Questionnaire"]:
    """An assessment and the questionnaire it answers, warning when the model changed since."""
    from assess.domain.answers import read_against
    from assess.files.assessments import load_assessment
    from assess.files.questionnaires import find_questionnaire

    assessment = load_assessment(path)
    questionnaire = find_questionnaire(
        assessment.questionnaire, list(dirs), assessment.questionnaire_version
    )
    assessment, warning = read_against(assessment, questionnaire)
    if warning:
        warn(warning)
    if assessment.consolidation is not None:
        warn_if_stale(path, assessment)
    return assessment, questionnaire


def warn_if_stale(path: Path, assessment: "Assessment") -> None:
    """One warning line when the respondent files beside a consolidated team assessment were
    added, changed or removed since it was consolidated."""
    import shlex

    from assess.files.respondents import files_now, stale

    now = files_now(path, assessment)
    changes = stale(assessment, now) if now is not None else []
    if changes:
        shown = ", ".join(changes[:3]) + (
            f" and {len(changes) - 3} more" if len(changes) > 3 else ""
        )
        warn(
            f"respondent files changed since {path.name} was consolidated ({shown}); run "
            f"assess consolidate --team {shlex.quote(assessment.team)} again"
        )


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
                "--respondent",
                help="Answer as this member of --team: your own file in the team's "
                "respondents folder, consolidated later with `assess consolidate`.",
            ),
            click.option(
                "--anonymous",
                is_flag=True,
                default=None,
                help="Answer as a member of --team without giving a name.",
            ),
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
        from assess.cli.fill import fill

        ctx.invoke(fill, **fill_params)
    elif any(value not in (None, ()) for value in fill_params.values()):
        raise click.UsageError(
            f"options before '{ctx.invoked_subcommand}' belong to the questionnaire "
            "(`assess fill`); give them without a command"
        )
