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
    "collect": "respondents",
    "compare": "compare",
    "consolidate": "respondents",
    "demo": "scores",
    "export": "export",
    "facilitate": "facilitate",
    "fill": "fill",
    "form": "respondents",
    "import": "respondents",
    "questionnaires": "models",
    "report": "report",
    "roadmap": "roadmap",
    "scan": "scan",
    "schema": "models",
    "score": "scores",
    "validate": "models",
}
"""Each command and the module of assess.cli that registers it on the group when imported."""


class Cli(click.Group):
    """Turns an AssessError into one clear line on stderr and exit status 1.

    A command's module is imported when the command is looked up, so that `assess` (the
    questionnaire) and each command load only their own module."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            import importlib

            importlib.import_module(f"assess.cli.{COMMANDS[cmd_name]}")
        return super().get_command(ctx, cmd_name)

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
