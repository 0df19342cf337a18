"""SVG geometry for report charts: numbers in, coordinates out; templates draw the <svg>.

Deterministic (fixed rounding) so HTML snapshots are stable, and free of any plotting library.
Charts must read in black and white: templates draw current values solid with markers and targets
dashed, and print the numbers beside them.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class RingLabel:
    level: int
    at: Point


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
    current_dots: list[Point]
    target: str
    target_dots: list[Point]


def radar(
    current: Sequence[Number | None],
    target: Sequence[Number],
    top: int,
    size: float = 300.0,
    margin: float = 22.0,
) -> Radar:
    """A radar of current (None: not scored, drawn at the centre) against target, per dimension.

    The scale runs from 0 at the centre to top at the rim; needs at least three dimensions.
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
        axes.append(RadarAxis(number=i + 1, end=at(i, top), label_at=shifted, anchor=anchor(label)))
    current_points = [at(i, value or 0.0) for i, value in enumerate(current)]
    target_points = [at(i, value) for i, value in enumerate(target)]
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
        current=polygon(current_points),
        current_dots=current_points,
        target=polygon(target_points),
        target_dots=target_points,
    )


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


def bar(
    value: Number | None, target: Number, top: float, width: float = 160.0, height: float = 12.0
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
        gap_width=max(0.0, round(target_x - filled, 1)),
        target_x=target_x,
        ticks=[x(level) for level in range(1, int(top) + 1)],
    )
