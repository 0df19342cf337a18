"""Run a model's rule checks on the parts of a file that could be read.

Pydantic checks the rules across fields (unique ids, levels in range, ...) only once every field
has the right shape, so one type error would hide every rule error. Here the list items that hold
a shape error are left out, one at a time, until what is left validates as far as the
rules; the rule problems found then are reported at their places in the original file.
"""

import copy
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from assess.domain.questionnaire import UNION_TAGS

Location = tuple[str | int, ...]
_ROUNDS = 200
"""Each round leaves out one item that holds a shape error; past this many, give up on rules."""


def _path(item: ErrorDetails) -> Location:
    return tuple(step for step in item["loc"] if step not in UNION_TAGS)


def _original(index: int, removed: list[int]) -> int:
    """The original index of the item now at index, with the items at removed left out."""
    for gone in sorted(removed):
        if gone <= index:
            index += 1
    return index


def _remap(location: Location, removed: dict[Location, list[int]]) -> Location:
    """A location in the pruned data as a location in the original data."""
    out: list[str | int] = []
    for step in location:
        gone = removed.get(tuple(out))
        out.append(_original(step, gone) if isinstance(step, int) and gone else step)
    return tuple(out)


def _leave_out(data: Any, location: Location, removed: dict[Location, list[int]]) -> bool:
    """Remove the innermost list item on the way to location; False when there is none."""
    containers: list[tuple[list[Any], int, int]] = []  # (list, index, depth of the index)
    node = data
    for depth, step in enumerate(location):
        if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            containers.append((node, step, depth))
            node = node[step]
        elif isinstance(node, dict) and step in node:
            node = node[step]
        else:
            break
    if not containers:
        return False
    items, index, depth = containers[-1]
    original = _remap(location[: depth + 1], removed)
    removed.setdefault(original[:-1], []).append(int(original[-1]))
    del items[index]
    return True


def _drop_key(data: Any, location: Location) -> bool:
    node = data
    for step in location[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return False
    if isinstance(node, dict) and location and location[-1] in node:
        del node[location[-1]]
        return True
    return False


def _related(a: Location, b: Location) -> bool:
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def rule_problems(
    model: type[BaseModel], data: dict[str, Any], error: ValidationError, ladder: str = "levels"
) -> list[tuple[Location, str]]:
    """The rule problems of data whose shape failed with error, at their original locations.

    A rule problem where a shape problem already stands is not repeated. Nothing is salvaged
    when the shape error is in the ladder (the field named ladder), which every rule reads."""
    shape = [_path(item) for item in error.errors()]
    if any(location[:1] == (ladder,) for location in shape):
        return []
    pruned = copy.deepcopy(data)
    removed: dict[Location, list[int]] = {}
    for _ in range(_ROUNDS):
        try:
            model.model_validate(pruned)
        except ValidationError as again:
            rules: list[tuple[Location, str]] = []
            first: Location | None = None
            dropped = False
            for item in again.errors():
                nested = getattr((item.get("ctx") or {}).get("error"), "problems", None)
                if nested is not None:
                    rules += [((*_path(item), *where), message) for where, message in nested]
                elif item["type"] == "extra_forbidden" and _drop_key(pruned, _path(item)):
                    dropped = True  # an unknown field: the rest of its item can still be read
                elif first is None:
                    first = _path(item)
            if first is None and not dropped:
                found = [(_remap(where, removed), message) for where, message in rules]
                return [(w, m) for w, m in found if not any(_related(w, s) for s in shape)]
            if first is not None and not (
                _stand_in(model, pruned, first) or _leave_out(pruned, first, removed)
            ):
                return []  # nothing more can be read
        else:
            return []
    return []


def _stand_in(model: type[BaseModel], data: dict[str, Any], location: Location) -> bool:
    """Give a top-level text field that failed a harmless value, so the rest can be checked."""
    field = model.model_fields.get(str(location[0])) if len(location) == 1 else None
    name = str(location[0])
    if field is None or field.annotation is not str or data.get(name) == "x":
        return False
    data[name] = "x"
    return True
