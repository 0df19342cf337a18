"""PyYAML's loader as the models need it: records duplicate keys, refuses aliases, and turns
PyYAML's errors into one line naming the file and the line. Imported only when a file is parsed
(a start whose models come from the parse cache never loads PyYAML)."""

from pathlib import Path
from typing import Any

import yaml

from assess.errors import AssessError
from assess.files.yaml_source import display, long_number_line, plain

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
