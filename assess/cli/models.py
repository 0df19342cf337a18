"""Commands about questionnaires: validate, schema, questionnaires."""

import sys
from pathlib import Path

import click

from assess.cli.app import cli, questionnaires_option, say, warn
from assess.errors import AssessError
from assess.safe_text import visible


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
            say(error.message, err=True)
            continue
        questions = sum(1 for _ in questionnaire.questions())
        dimensions = sum(1 for _ in questionnaire.dimensions())
        say(f"{path}: ok ({dimensions} dimensions, {questions} questions)")
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
    from rich.text import Text

    from assess.files.questionnaires import archived, discover, load_questionnaire

    table = Table("id", "title", "version", "dimensions", "questions", "source")
    broken = []
    dirs = list(questionnaire_dirs)
    # Archived versions come last: they are there for old assessments, not for new ones.
    listed = [(s, False) for s in discover(dirs)] + [(s, True) for s in archived(dirs)]
    for source, is_archive in listed:
        try:
            q = load_questionnaire(source.path)
        except AssessError as error:
            broken.append(error.message.splitlines()[0])
            continue
        where = "bundled" if source.bundled else str(source.path)
        # Text objects: what the files hold is shown, never read as markup.
        table.add_row(
            *(
                Text(visible(cell))
                for cell in (
                    q.id,
                    q.title,
                    q.version,
                    str(sum(1 for _ in q.dimensions())),
                    str(sum(1 for _ in q.questions())),
                    f"{where}, archived" if is_archive else where,
                )
            )
        )
    Console().print(table)
    for message in broken:
        warn(f"skipped a broken questionnaire: {message}")
