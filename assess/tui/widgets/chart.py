"""A horizontal bar for the terminal: the score, with a mark at the target level."""

from textual.content import Content

CELLS_PER_LEVEL = 3
_PARTIAL = " ▏▎▍▌▋▊▉"


def score_bar(score: float | None, target: int, top: int) -> Content:
    """`top` levels wide; full blocks up to the score, then eighths; the target cell is marked."""
    width = top * CELLS_PER_LEVEL
    eighths = 0 if score is None else round(score * CELLS_PER_LEVEL * 8)
    reached = score is not None and score >= target - 1e-9
    bar_style = "$success" if reached else "$warning"
    target_cell = target * CELLS_PER_LEVEL - 1
    parts: list[tuple[str, str]] = []
    for cell in range(width):
        filled = min(max(eighths - cell * 8, 0), 8)
        if filled == 8:
            parts.append(("█", bar_style))
        elif filled > 0:
            parts.append((_PARTIAL[filled], bar_style))
        elif cell == target_cell:
            parts.append(("│", "$error bold"))
        else:
            parts.append(("·", "$foreground-muted"))
    return Content.assemble(*parts)
