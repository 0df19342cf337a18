"""Parse YAML fast, and explain problems with file and line.

PyYAML's C loader parses every file; ruamel.yaml's round-trip loader, which knows line numbers,
runs only when there is an error to report.
"""

import re
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assess.domain.questionnaire import UNION_TAGS
from assess.errors import AssessError
from assess.files.reading import display as display

Location = tuple[str | int, ...]

# PyYAML's messages for common mistakes, in plain words (matched on the parser's own text).
_PLAIN = (
    ("tab character", "a tab character: YAML indents with spaces, never tabs"),
    (
        "mapping values are not allowed",
        "a ':' where no new key can start (check the indentation, "
        "or put text that contains ': ' in quotes)",
    ),
    ("did not find expected key", "this line is not indented like the keys above it"),
    ("did not find expected '-' indicator", "this list item is not indented like the items above"),
    ("expected <block end>", "this line is not indented like the lines above it"),
    (
        "did not find expected ',' or ']'",
        "a list opened with '[' is not closed with ']' (or two "
        "items in it have no ',' between them)",
    ),
    (
        "did not find expected ',' or '}'",
        "a mapping opened with '{' is not closed with '}' (or "
        "two entries in it have no ',' between them)",
    ),
    ("could not find expected ':'", "a key has no ':' after it, or a quote is not closed"),
    ("found unexpected end of stream", "the file ends inside quoted text: a quote is not closed"),
    (
        "found unknown escape character",
        "a backslash in double quotes that YAML cannot read "
        "(use single quotes, or write two backslashes)",
    ),
    (
        "found undefined alias",
        "'*' starts an alias, which models do not allow: put the text in quotes",
    ),
)


def plain(problem: str, line_text: str) -> str:
    """The parser's message in plain words; a tab says 'tab' wherever the parser noticed it."""
    if "cannot start any token" in problem and "\t" in line_text:
        return _PLAIN[0][1]
    for words, wording in _PLAIN:
        if words in problem:
            return wording
    return problem


def parse_with_duplicates(
    text: str, path: Path, aliases: bool = False
) -> tuple[Any, list[tuple[int, str]]]:
    """The YAML document in text and its duplicate keys as (line, message), or an AssessError
    naming the file and line for text that is not YAML or (unless allowed) uses aliases.

    PyYAML is imported only here, so that a start whose models all come from the parse cache
    does not load it."""
    from assess.files.yaml_loader import parse_with_duplicates as parse_yaml

    return parse_yaml(text, path, aliases)


def parse(text: str, path: Path, aliases: bool = False) -> Any:
    """The YAML document in text; duplicate keys are an error naming both lines."""
    data, duplicates = parse_with_duplicates(text, path, aliases)
    if duplicates:
        raise AssessError(located(path, duplicates))
    return data


def located(path: Path, problems: Iterable[tuple[int, str]]) -> str:
    """One 'file:line: message' line per problem, in line order (same line: as given)."""
    ordered = sorted(problems, key=lambda item: item[0])
    return "\n".join(f"{display(path)}:{line}: {message}" for line, message in ordered)


def long_number_line(text: str) -> int:
    """The line of the first integer too long for Python to convert (over 4,300 digits)."""
    match = re.search(r"\d{4301,}", text)
    return 1 if match is None else text.count("\n", 0, match.start()) + 1


def require_mapping(data: Any, path: Path, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise AssessError(
            f"{display(path)}:1: {what} must be a mapping of fields, not {kind(data)}"
        )
    return data


def kind(value: Any) -> str:
    if value is None:
        return "an empty document"
    if isinstance(value, list):
        return "a list"
    return f"a single value ({type(value).__name__})"


def with_lines(text: str) -> Any:
    """The document loaded by ruamel.yaml, whose nodes know their lines (None if it fails)."""
    from ruamel.yaml import YAML

    try:
        loader = YAML(typ="rt", pure=True)
        loader.allow_duplicate_keys = True  # reported with both lines by our own loader
        return loader.load(text)
    except Exception:  # the text already parsed with PyYAML; a ruamel quirk only costs lines
        return None


def line_of(document: Any, location: Location) -> int:
    """The 1-based line where location points (or its nearest existing parent)."""
    node = document
    line = 0
    for step in location:
        try:
            if isinstance(step, int) and isinstance(node, list):
                line = getattr(node, "lc").item(step)[0]  # noqa: B009 (ruamel attribute)
                node = node[step]
            elif isinstance(node, dict) and step in node:
                line = getattr(node, "lc").key(step)[0]  # noqa: B009
                node = node[step]
            elif isinstance(node, dict) and isinstance(step, str) and step.isdigit():
                line = getattr(node, "lc").key(int(step))[0]  # noqa: B009
                node = node[int(step)]
            else:
                break
        except (AttributeError, KeyError, IndexError, TypeError):
            break
    return line + 1


_WORDING = {
    "missing": "this field is required",
    "extra_forbidden": "unknown field (check the spelling)",
    "string_pattern_mismatch": "ids use lowercase letters, digits, '-' and '_'",
    "literal_error": "must be one of {expected}",
}


def problems(error: ValidationError) -> Iterable[tuple[Location, str]]:
    """Each problem pydantic found, with our wording, expanding our cross-field rule lists."""
    for item in error.errors():
        ctx = item.get("ctx") or {}
        nested = getattr(ctx.get("error"), "problems", None)
        if nested is not None:
            for where, message in nested:
                yield (*item["loc"], *where), message
            continue
        template = _WORDING.get(item["type"])
        if template is not None:
            message = template.format(**{k: v for k, v in ctx.items() if k == "expected"})
        else:
            message = item["msg"].removeprefix("Value error, ").replace("Input should", "should")
        yield tuple(step for step in item["loc"] if step not in UNION_TAGS), message


def validation_error(
    path: Path,
    text: str,
    error: ValidationError,
    locate: Callable[[Location], int] | None = None,
    *,
    rules: Iterable[tuple[Location, str]] = (),
    lines: Iterable[tuple[int, str]] = (),
) -> AssessError:
    """Every problem pydantic found, each with its line, with the rule problems found apart
    from it and problems whose line is known (duplicate keys). `locate` maps a location to a
    line; by default the YAML is parsed again with ruamel.yaml, which knows lines."""
    if locate is None:
        document = with_lines(text)
        locate = partial(line_of, document)
    found = [*problems(error), *rules]
    messages = [*lines]
    for location, message in found:
        field = ".".join(str(step) for step in location) or "(top level)"
        messages.append((locate(location), f"{field}: {message}"))
    # Stable: same-line problems keep pydantic's order.
    return AssessError(located(path, messages))
