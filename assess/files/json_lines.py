"""Lines in a JSON text, found from the decoder's positions instead of a second, slow parse.

`line_of(text, location)` walks the text along a pydantic error location ("answers", "q1",
"choice"), letting the C decoder skip every value that is not on the way, so locating a line costs
about as much as parsing the file once.
"""

import json
from collections.abc import Callable
from typing import Any

_DECODER = json.JSONDecoder()
# The C string scanner the decoder uses; typeshed does not declare it.
_scanstring: Callable[[str, int], tuple[str, int]] = getattr(json.decoder, "scanstring")  # noqa: B009
_SPACE = " \t\n\r"


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in _SPACE:
        at += 1
    return at


def _end_of_value(text: str, at: int) -> int:
    _, end = _DECODER.raw_decode(text, at)
    return int(end)


def _key_position(text: str, at: int, wanted: str) -> tuple[int, int] | None:
    """(position of the key, position of its value) in the object starting at `at`."""
    at = _skip_space(text, at + 1)
    while at < len(text) and text[at] == '"':
        key_at = at
        key, at = _scanstring(text, at + 1)
        at = _skip_space(text, _skip_space(text, at) + 1)  # past ':'
        if key == wanted:
            return key_at, at
        at = _skip_space(text, _end_of_value(text, at))
        if at < len(text) and text[at] == ",":
            at = _skip_space(text, at + 1)
    return None


def _item_position(text: str, at: int, wanted: int) -> int | None:
    """Position of item `wanted` (from 0) in the array starting at `at`."""
    at = _skip_space(text, at + 1)
    for _ in range(wanted):
        if at >= len(text) or text[at] == "]":
            return None
        at = _skip_space(text, _end_of_value(text, at))
        if at < len(text) and text[at] == ",":
            at = _skip_space(text, at + 1)
    return at if at < len(text) and text[at] != "]" else None


def line_of(text: str, location: tuple[Any, ...]) -> int:
    """The 1-based line of the deepest part of location present in text (1 if none is)."""
    found = 0
    at = _skip_space(text, 0)
    try:
        for step in location:
            if at < len(text) and text[at] == "{":
                place = _key_position(text, at, str(step))
                if place is None:
                    break
                found, at = place
            elif at < len(text) and text[at] == "[" and isinstance(step, int):
                item = _item_position(text, at, step)
                if item is None:
                    break
                found = at = item
            else:
                break
    except (ValueError, IndexError):  # the text was valid JSON; a surprise only costs the line
        pass
    return text.count("\n", 0, found) + 1
