"""Parse YAML fast, and explain problems with file and line.

PyYAML's C loader parses every file; ruamel.yaml's round-trip loader, which knows line numbers,
runs only when there is an error to report.
"""

import re
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from assess.domain.questionnaire import UNION_TAGS
from assess.errors import AssessError
from assess.files.reading import display as display

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Location = tuple[str | int, ...]


class AliasRefused(Exception):
    """A YAML alias (*name) in a model: refused so that reused values cannot blow up in size."""


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader that records duplicate keys (with both lines) and refuses aliases."""

    def __init__(self, stream: str, refuse_aliases: bool) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []
        self.refuse_aliases = refuse_aliases

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A node met a second time is one an alias points back to.
        if self.refuse_aliases and (
            node in self.constructed_objects or node in self.recursive_objects
        ):
            raise AliasRefused
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[tuple[str, str], int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = (key_node.tag, key_node.value)
                line = key_node.start_mark.line + 1
                if key in first:
                    self.duplicates.append(
                        (
                            line,
                            f"duplicate key '{key_node.value}': it is also on line {first[key]}, "
                            "and only one of the two values would count",
                        )
                    )
                else:
                    first[key] = line
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


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


def _first_alias_line(text: str) -> int:
    """The line of the first alias (*name) in text, found by the scanner (error path only)."""
    try:
        for token in yaml.scan(text, Loader=_Base):
            if isinstance(token, yaml.AliasToken):
                return int(token.start_mark.line) + 1
    except yaml.YAMLError:
        pass
    return 1


def parse_with_duplicates(
    text: str, path: Path, aliases: bool = False
) -> tuple[Any, list[tuple[int, str]]]:
    """The YAML document in text and its duplicate keys as (line, message), or an AssessError
    naming the file and line for text that is not YAML or (unless allowed) uses aliases."""
    loader = _Loader(text, refuse_aliases=not aliases)
    try:
        return loader.get_single_data(), loader.duplicates
    except AliasRefused:
        raise AssessError(
            f"{display(path)}:{_first_alias_line(text)}: YAML aliases (*name) are not allowed in "
            "a model: write the value out in full"
        ) from None
    except yaml.MarkedYAMLError as error:
        # For an unclosed bracket or quote the line to fix is where it opened (the context mark);
        # the parser notices only later. For block structure the problem mark is the place.
        unclosed = any(word in (error.context or "") for word in ("flow", "quoted", "simple key"))
        mark = (
            (error.context_mark if unclosed else None) or error.problem_mark or error.context_mark
        )
        line = mark.line + 1 if mark is not None else 1
        noticed = error.problem_mark.line + 1 if error.problem_mark is not None else line
        lines = text.splitlines()
        problem = plain(
            error.problem or "not valid YAML", lines[noticed - 1] if noticed <= len(lines) else ""
        )
        if unclosed and noticed != line:
            problem += f" (it opens here; noticed on line {noticed})"
        raise AssessError(f"{display(path)}:{line}: YAML syntax error: {problem}") from None
    except ValueError as error:
        if "digits" in str(error):  # Python's guard against converting huge integers
            raise AssessError(
                f"{display(path)}:{long_number_line(text)}: a number is too long"
            ) from None
        # PyYAML's constructors reject e.g. an impossible date like 2026-13-45.
        raise AssessError(f"{display(path)}:1: not valid YAML: {error}") from None
    except (yaml.YAMLError, RecursionError) as error:
        raise AssessError(f"{display(path)}:1: not valid YAML: {error}") from None
    finally:
        loader.dispose()


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
