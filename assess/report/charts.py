"""SVG geometry for report charts: numbers in, coordinates out; templates draw the <svg>.

Deterministic (fixed rounding) so HTML snapshots are stable, and free of any plotting library.
Charts must read in black and white: templates draw current values solid with markers and targets
dashed, and print the numbers beside them.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from assess.domain.numbers import Number


@dataclass(frozen=True)
class Point:
    x: float
    y: float


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def polygon(points: list[Point]) -> str:
    """Points as an SVG points attribute."""
    return " ".join(f"{_fmt(p.x)},{_fmt(p.y)}" for p in points)


@dataclass(frozen=True)
class RadarAxis:
    number: int
    """The dimension's number, printed at the spoke; a key beside the chart names it."""
    end: Point
    label_at: Point
    anchor: str
    """SVG text-anchor for the label: start, middle or end."""
    scored: bool = True
    """False for a dimension without a score: drawn as a mark on the spoke, never at the centre."""


@dataclass(frozen=True)
class RingLabel:
    level: int
    at: Point


@dataclass(frozen=True)
class RangeMark:
    """A range drawn as a line from low to high with a short cap across each end."""

    low: Point
    high: Point
    low_cap: tuple[Point, Point]
    high_cap: tuple[Point, Point]


@dataclass(frozen=True)
class Radar:
    width: float
    height: float
    center: Point
    rings: list[str]
    """One polygon per level, from level 1 outwards."""
    ring_labels: list[RingLabel]
    axes: list[RadarAxis]
    current: str
    """The closed polygon of current values when every dimension is scored; else ''."""
    current_dots: list[Point]
    target: str
    target_dots: list[Point]
    current_lines: list[str] = field(default_factory=list)
    """When some dimensions have no score: open polylines through runs of neighbouring scored
    spokes (the line breaks at a spoke without a score instead of dipping to the centre)."""
    target_lines: list[str] = field(default_factory=list)
    unscored_marks: list[Point] = field(default_factory=list)
    """Where to draw the 'no score' mark: the middle of each unscored spoke."""
    ranges: list[RangeMark] = field(default_factory=list)
    """Along a scored spoke, from the lowest to the highest respondent's own score of the
    dimension (a team with respondents only); none on a spoke without a score."""


def radar(
    current: Sequence[Number | None],
    target: Sequence[Number],
    top: int,
    size: float = 300.0,
    margin: float = 22.0,
    ranges: Sequence[tuple[Number, Number] | None] = (),
) -> Radar:
    """A radar of current against target (None: no score), per dimension.

    A dimension without a score is never a point at the centre: its spoke is marked and both
    lines break there. The scale runs from 0 at the centre to top at the rim; needs at least
    three dimensions. `ranges` (low, high) per dimension, when given, are drawn along the
    spokes of scored dimensions.
    """
    count = len(current)
    if count < 3 or len(target) != count:
        raise ValueError("a radar needs at least three dimensions and a target for each")
    radius = size / 2 - margin
    center = Point(size / 2, size / 2)

    def at(index: int, value: Number) -> Point:
        # The first spoke points up; the others follow clockwise.
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = radius * max(0.0, min(float(value), top)) / top
        return Point(center.x + r * math.cos(angle), center.y + r * math.sin(angle))

    def anchor(point: Point) -> str:
        if abs(point.x - center.x) < radius * 0.15:
            return "middle"
        return "start" if point.x > center.x else "end"

    axes = []
    for i in range(count):
        label = at(i, top * (radius + 10) / radius)
        # Baseline shift: labels below the centre hang under their point.
        shifted = Point(label.x, label.y + (8.0 if label.y > center.y + 1 else 3.0))
        axes.append(
            RadarAxis(
                number=i + 1,
                end=at(i, top),
                label_at=shifted,
                anchor=anchor(label),
                scored=current[i] is not None,
            )
        )
    scored = [i for i, value in enumerate(current) if value is not None]
    current_points = [at(i, value) for i, value in enumerate(current) if value is not None]
    target_points = [at(i, target[i]) for i in scored]
    every = len(scored) == count
    marks = []
    for i, span in enumerate(ranges):
        if span is None or i >= count or current[i] is None:
            continue
        angle = -math.pi / 2 + 2 * math.pi * i / count
        across = Point(-math.sin(angle) * CAP, math.cos(angle) * CAP)
        low, high = at(i, span[0]), at(i, span[1])
        marks.append(RangeMark(low, high, _cap(low, across), _cap(high, across)))
    runs = [] if every else _runs([value is not None for value in current])
    return Radar(
        width=size,
        height=size,
        center=center,
        rings=[polygon([at(i, level) for i in range(count)]) for level in range(1, top + 1)],
        ring_labels=[
            RingLabel(level, Point(center.x + 3, center.y - radius * level / top + 9))
            for level in range(1, top + 1)
        ],
        axes=axes,
        current=polygon(current_points) if every else "",
        current_dots=current_points,
        target=polygon(target_points) if every else "",
        target_dots=target_points,
        current_lines=[polygon([at(i, current[i] or 0.0) for i in run]) for run in runs],
        target_lines=[polygon([at(i, target[i]) for i in run]) for run in runs],
        unscored_marks=[at(i, top / 2) for i, value in enumerate(current) if value is None],
        ranges=marks,
    )


CAP = 3.0
"""Half the length of a range mark's end caps, in SVG user units."""


def _cap(point: Point, across: Point) -> tuple[Point, Point]:
    return (
        Point(point.x - across.x, point.y - across.y),
        Point(point.x + across.x, point.y + across.y),
    )


def _runs(scored: list[bool]) -> list[list[int]]:
    """Runs of neighbouring scored spokes, going round (the last spoke neighbours the first);
    a run of one spoke is kept (it shows as a dot)."""
    count = len(scored)
    if not any(scored):
        return []
    start = next(i for i in range(count) if not scored[i])  # some spoke is unscored here
    runs: list[list[int]] = []
    current: list[int] = []
    for step in range(1, count + 1):
        i = (start + step) % count
        if scored[i]:
            current.append(i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [run for run in runs if len(run) > 1]


@dataclass(frozen=True)
class Bar:
    """A horizontal bar on a 0..top scale: filled to the current value, hatched up to the target,
    a tick at the target. Widths in SVG user units."""

    width: float
    height: float
    filled: float
    gap_x: float
    gap_width: float
    target_x: float
    ticks: list[float]
    """x of each level's grid line, 1..top."""
    scored: bool = True
    """False when there is no score: no bar is drawn (never a bar from 0)."""
    range_low_x: float | None = None
    """A team with respondents: x of the lowest and highest respondent's own score, drawn as a
    range mark across the bar; None without one (and always on a bar without a score)."""
    range_high_x: float | None = None


def bar(
    value: Number | None,
    target: Number,
    top: float,
    width: float = 160.0,
    height: float = 12.0,
    span: tuple[Number, Number] | None = None,
) -> Bar:
    def x(v: Number) -> float:
        return round(width * max(0.0, min(float(v), top)) / top, 1)

    filled = x(value or 0.0)
    target_x = x(target)
    return Bar(
        width=width,
        height=height,
        filled=filled,
        gap_x=filled,
        gap_width=0.0 if value is None else max(0.0, round(target_x - filled, 1)),
        target_x=target_x,
        ticks=[x(level) for level in range(1, int(top) + 1)],
        scored=value is not None,
        range_low_x=None if span is None or value is None else x(span[0]),
        range_high_x=None if span is None or value is None else x(span[1]),
    )
