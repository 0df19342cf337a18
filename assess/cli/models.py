"""Commands about questionnaires: validate, schema, questionnaires."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assess.cli.app import cli, questionnaires_option, say, warn
from assess.errors import AssessError
from assess.safe_text import visible

if TYPE_CHECKING:
    from pydantic import BaseModel


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

    click.echo(json.dumps(documented_schema(Questionnaire), indent=2))


def documented_schema(root: "type[BaseModel]") -> dict[str, Any]:
    """The JSON Schema of a model, each field described by the docstring written under it.

    The models do not read their own source for these docs each time they are built (that
    costs a tenth of a second of every start); the schema, the one place that shows them,
    reads them here."""
    schema = root.model_json_schema()
    for model in _models_under(root):
        where = schema if model is root else schema.get("$defs", {}).get(model.__name__)
        if where is None:
            continue
        properties = where.get("properties", {})
        for name, doc in _field_docs(model).items():
            field = model.model_fields.get(name)
            key = field.alias if field is not None and field.alias else name
            if key in properties and "description" not in properties[key]:
                # In the key order the schema generator gives every schema.
                properties[key] = dict(sorted({**properties[key], "description": doc}.items()))
    return schema


def _models_under(root: "type[BaseModel]") -> list["type[BaseModel]"]:
    """The model and every model its fields hold, in the order first met."""
    import typing

    from pydantic import BaseModel

    found: list[type[BaseModel]] = []

    def visit(annotation: object) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.append(annotation)
                for field in annotation.model_fields.values():
                    visit(field.annotation)
            return
        for argument in typing.get_args(annotation):
            visit(argument)

    visit(root)
    return found


def _field_docs(model: type) -> dict[str, str]:
    """The docstrings written right under the fields of a class and its bases."""
    import ast
    import inspect
    import itertools
    import textwrap

    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if cls is object or cls.__module__.startswith("pydantic"):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for node, after in itertools.pairwise(body):
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs


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
