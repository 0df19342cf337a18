"""A horizontal bar for the terminal: the score, with a mark at the target level."""

from assess.domain.numbers import Number

_PARTIAL = " ▏▎▍▌▋▊▉"

Run = tuple[str, str]
"""Characters and the theme colour variable (without '$') to draw them in."""


def score_bar(
    score: Number | None, target: int, top: int, cells_per_level: int = 3, not_scored: str = ""
) -> list[Run]:
    """`top` levels wide; full blocks up to the score, then eighths; the target cell is marked.

    Without a score there is no bar at all (never one from 0): the reason, in words."""
    width = top * cells_per_level
    if score is None:
        words = (not_scored or "no score")[:width]
        return [(words.ljust(width), "foreground-muted")]
    eighths = 0 if score is None else round(score * cells_per_level * 8)
    reached = score is not None and score >= target
    bar = "success" if reached else "warning"
    target_cell = target * cells_per_level - 1
    runs: list[Run] = []
    for cell in range(width):
        filled = min(max(eighths - cell * 8, 0), 8)
        if filled == 8:
            runs.append(("█", bar))
        elif filled > 0:
            runs.append((_PARTIAL[filled], bar))
        elif cell == target_cell:
            runs.append(("│", "error"))
        else:
            runs.append(("·", "foreground-muted"))
    return runs
