"""Exact numbers and how they are shown: scores are Fractions, rounded only when printed."""

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction
from typing import Annotated

from pydantic import PlainSerializer

Number = Fraction | float | int


def _as_float(value: Fraction) -> float:
    # A function of ours, not `float`: pydantic reads a builtin's signature from its text,
    # which compiles Python's tokenizer (a few milliseconds of each start).
    return float(value)


Exact = Annotated[Fraction, PlainSerializer(_as_float, return_type=float, when_used="json")]
"""A Fraction in domain models; JSON output (files, exports, `--format json`) shows it as a
number, since that is what scripts and BI tools read."""


_new = object.__new__
_set = object.__setattr__


def fraction(numerator: int, denominator: int) -> Fraction:
    """numerator/denominator (denominator > 0) in lowest terms, made without Fraction's general
    constructor and arithmetic, which were most of the cost of building a scorecard."""
    common = math.gcd(numerator, denominator)
    return coprime(numerator // common, denominator // common)


def coprime(numerator: int, denominator: int) -> Fraction:
    """A Fraction of two integers already in lowest terms, denominator > 0 (unchecked: the
    callers know it, and tests compare the results with Fraction's own)."""
    made = _new(Fraction)
    _set(made, "_numerator", numerator)
    _set(made, "_denominator", denominator)
    return made


def exact(value: float) -> Fraction:
    """A number from the model as the decimal its author wrote: 0.1 is 1/10, not 0.1000...0555."""
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def shown(value: Number, digits: int = 1, signed: bool = False, up: bool = False) -> str:
    """A figure as printed everywhere, never flattering: scores are cut down (2.96 shows as 2.9,
    like its level 2), gaps and priorities (`up=True`) are rounded up (0.04 shows as 0.1), so a
    shown gap is always the target minus the shown score. Never '-0.0'."""
    fraction = Fraction(value) if not isinstance(value, float) else exact(value)
    quantum = Decimal(1).scaleb(-digits)
    decimal = (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(
        quantum, rounding=ROUND_CEILING if up else ROUND_FLOOR
    )
    if decimal == 0:
        decimal = abs(decimal)
    return f"{decimal:+}" if signed else f"{decimal}"


def points_text(value: Number) -> str:
    """Points as the ML Test Score counts them: 0, 0.5, 1, 1.5, ..."""
    return f"{float(value):g}"
