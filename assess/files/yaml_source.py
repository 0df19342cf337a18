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

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Location = tuple[str | int, ...]


def parse(text: str, path: Path) -> Any:
    """The YAML document in text, or an AssessError naming the file and line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        # For an unclosed bracket or quote the line to fix is where it opened (the context mark);
        # the parser notices only later. For block structure the problem mark is the place.
        unclosed = any(word in (error.context or "") for word in ("flow", "quoted", "simple key"))
        mark = (
            (error.context_mark if unclosed else None) or error.problem_mark or error.context_mark
        )
        line = mark.line + 1 if mark is not None else 1
        problem = error.problem or "not valid YAML"
        if unclosed and error.problem_mark is not None and error.problem_mark.line + 1 != line:
            problem += f" ({error.context} started here; noticed on line "
            problem += f"{error.problem_mark.line + 1})"
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
        return YAML(typ="rt", pure=True).load(text)
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
) -> AssessError:
    """Every problem pydantic found, each with its line. `locate` maps a location to a line;
    by default the YAML is parsed again with ruamel.yaml, which knows lines."""
    if locate is None:
        document = with_lines(text)
        locate = partial(line_of, document)
    located = []
    for location, message in problems(error):
        field = ".".join(str(step) for step in location) or "(top level)"
        located.append((locate(location), f"{field}: {message}"))
    located.sort(key=lambda item: item[0])  # stable: same-line problems keep pydantic's order
    return AssessError("\n".join(f"{display(path)}:{line}: {what}" for line, what in located))
