"""Globs and regular expressions of detection rules: checked when the model loads, compiled once.

Patterns come from a user's model and are run against lines from a repository nobody vetted, and
Python's `re` cannot be interrupted. So a pattern is refused when it could take exponential time
(a repetition inside a repetition, a repeated alternation, a back-reference) or has more than two
open-ended repetitions (three take minutes on one 1,000-character line), and the scanner matches
one line at a time with a length cap.
"""

import re
import re._parser as sre_parse  # type: ignore[import-not-found]  # the parser behind re.compile
from typing import Any, Final

MAX_PATTERN: Final = 600
MAX_UNBOUNDED: Final = 2
LONG_REPEAT: Final = 50
MAX_GLOB: Final = 200

_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT}


def glob_problem(glob: str) -> str | None:
    """Why a glob is not accepted, or None when it is."""
    if not glob or len(glob) > MAX_GLOB:
        return f"must have 1 to {MAX_GLOB} characters"
    if glob.startswith("/") or "\\" in glob:
        return "paths are relative to the repository root and use '/'"
    segments = glob.split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        return "empty, '.' and '..' folders are not allowed"
    if "[" in glob or "]" in glob:
        return "character classes are not supported; use {a,b} alternatives"
    depth = 0
    for char in glob:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth not in (0, 1):
            return "braces must be balanced and not nested"
    if depth:
        return "braces must be balanced and not nested"
    if any("**" in segment and segment != "**" for segment in segments):
        return "'**' must be a whole folder name ('a/**/b')"
    return None


def glob_regex(glob: str) -> str:
    """The regular expression of a checked glob, matching a path (or, without '/', a name)."""
    out: list[str] = []
    segments = glob.split("/")
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
            continue
        out.append(_segment_regex(segment))
        if not last:
            out.append("/")
    return "".join(out)


def _segment_regex(segment: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(segment):
        char = segment[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{":
            end = segment.index("}", i)
            options = segment[i + 1 : end].split(",")
            out.append("(?:" + "|".join(_segment_regex(o) for o in options) + ")")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def pattern_problem(pattern: str) -> str | None:
    """Why a content pattern is not accepted, or None when it is."""
    if not pattern or len(pattern) > MAX_PATTERN:
        return f"must have 1 to {MAX_PATTERN} characters"
    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        return f"not a valid regular expression ({error})"
    problem = _walk(list(parsed), inside_repeat=False)
    if problem:
        return problem
    if _unbounded(list(parsed)) > MAX_UNBOUNDED:
        return (
            f"more than {MAX_UNBOUNDED} open-ended repetitions (*, +, {{n,}}) could be slow; "
            "bound some, e.g. {0,40}"
        )
    return None


def _children(op: Any, av: Any) -> list[list[Any]]:
    """The sub-pattern lists inside one parsed item."""
    if op in _REPEATS:
        return [list(av[2])]
    if op == sre_parse.SUBPATTERN:
        return [list(av[3])]
    if op == sre_parse.BRANCH:
        return [list(branch) for branch in av[1]]
    if op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
        return [list(av[1])]
    if op == sre_parse.ATOMIC_GROUP:
        return [list(av)]
    if op == sre_parse.GROUPREF_EXISTS:
        return [list(part) for part in av[1:] if part is not None]
    return []


def _walk(items: list[Any], inside_repeat: bool) -> str | None:
    for op, av in items:
        if op in (sre_parse.GROUPREF, sre_parse.GROUPREF_EXISTS):
            return "back-references are not supported"
        repeats = op in _REPEATS and av[1] > 1
        if inside_repeat and (repeats or op == sre_parse.BRANCH):
            return "a repetition or alternation inside a repetition can take exponential time"
        for child in _children(op, av):
            problem = _walk(child, inside_repeat or repeats)
            if problem:
                return problem
    return None


def _unbounded(items: list[Any]) -> int:
    count = 0
    for op, av in items:
        if op in _REPEATS and av[1] > LONG_REPEAT:
            count += 1
        for child in _children(op, av):
            count += _unbounded(child)
    return count


MIN_PIECE: Final = 3


def required_literal(pattern: str) -> tuple[tuple[str, ...], bool] | None:
    """Pieces of text of which every match contains at least one (and whether case is ignored),
    to skip files fast: 'a(?:bc|de)' needs 'bc' or 'de'; 'mlflow\\.log|wandb\\.init' needs one of
    those. None when no such pieces of at least three characters are known."""
    parsed = sre_parse.parse(pattern)
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    pieces = _required(list(parsed))
    if pieces is None:
        return None
    if ignore_case:
        pieces = {piece.lower() for piece in pieces}
    return tuple(sorted(pieces)), ignore_case


def _required(items: list[Any]) -> set[str] | None:
    """The best set of pieces one of which a match of this sequence contains, or None."""
    best: set[str] | None = None
    run = ""

    def better(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate is None or min(len(p) for p in candidate) < MIN_PIECE:
            return
        if best is None or (min(map(len, candidate)), -len(candidate)) > (
            min(map(len, best)),
            -len(best),
        ):
            best = candidate

    for op, av in items:
        if op == sre_parse.LITERAL:
            run += chr(av)
            better({run})
            continue
        run = ""
        if op == sre_parse.SUBPATTERN and not av[1] and not av[2]:  # no scoped flags
            better(_required(list(av[3])))
        elif op == sre_parse.BRANCH:
            branches = [_required(list(branch)) for branch in av[1]]
            if all(b is not None for b in branches):
                better(set().union(*(b for b in branches if b is not None)))
    return best
