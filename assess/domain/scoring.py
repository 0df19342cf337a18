"""Scoring strategies: pure functions from a questionnaire and an assessment to a scorecard.

All arithmetic is exact (fractions.Fraction, with decimal weights read as the decimals written
in the model), so a dimension exactly at its target has no gap and equal priorities are equal;
numbers are rounded only for display.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from assess.domain.answers import resolve, upgrade
from assess.domain.assessment import Assessment
from assess.domain.base import DomainModel
from assess.domain.dora import DoraPlacement, place
from assess.domain.numbers import Exact, exact
from assess.domain.questionnaire import (
    Area,
    Dimension,
    DoraMetric,
    Question,
    Questionnaire,
    ScoringMethod,
    scoped_out_by,
)


class DimensionScore(DomainModel):
    """The score of one dimension."""

    area: str
    dimension: str
    title: str
    weight: Exact
    questions: int
    """Questions in the dimension."""
    answered: int
    """Questions that count in the score: a choice or 'don't know'."""
    not_applicable: int
    dont_know: int
    """'Don't know' answers, scored as the lowest level (or 0 points)."""
    unanswered: int
    changed: int = 0
    """Answers given before the model changed under them: kept, flagged, not scored."""
    unconfirmed: int = 0
    """Answers carried over from an earlier assessment and not confirmed yet (scored)."""
    score: Exact | None
    """On the level scale: the weighted mean level of the scored answers (ml-test-score: the
    section's level from its points); None when nothing is scored."""
    level: int | None
    """The level fully achieved: the score rounded down."""
    target: int
    gap: Exact | None
    """Target minus score, in levels; negative when above target."""
    points: Exact | None = None
    """ml-test-score only: the section's points (unanswered tests earn none)."""
    scoped_out: str = ""
    """The reason the team gave for declaring this dimension (or its area) not applicable;
    empty when it is in scope. A scoped-out dimension has no score and counts nowhere."""

    @property
    def complete(self) -> bool:
        return self.unanswered == 0 and self.changed == 0

    @property
    def open(self) -> int:
        """Questions that still need a person: unanswered or changed under their answer."""
        return self.unanswered + self.changed

    @property
    def all_not_applicable(self) -> bool:
        return self.not_applicable == self.questions

    @property
    def priority(self) -> Fraction:
        return max(self.gap or Fraction(0), Fraction(0)) * self.weight


class AreaScore(DomainModel):
    area: str
    title: str
    score: Exact | None
    level: int | None
    scoped_out: str = ""
    """The reason given when the whole area was declared not applicable."""


class MlTestScore(DomainModel):
    """The ML Test Score result (Breck et al. 2017)."""

    sections: dict[str, Exact]
    """Points per section (dimension id); an unanswered test earns none."""
    final: Exact
    """Points: the minimum over the sections, a proven lower bound while tests are open."""
    band: str
    """The paper's name for the final score."""
    provisional: bool = False
    """True while any test is unanswered (or changed under its answer)."""
    open_tests: dict[str, list[str]] = {}
    """Per section, the ids of the tests still open."""


class Scorecard(DomainModel):
    """Everything the screens and reports show about one assessment's scores."""

    questionnaire: str
    method: ScoringMethod
    dimensions: list[DimensionScore]
    areas: list[AreaScore]
    score: Exact | None
    """Overall score on the level scale, weighted by dimension weight (ml-test-score: the
    level of the final score)."""
    level: int | None
    ml_test_score: MlTestScore | None = None
    dora: DoraPlacement | None = None

    @property
    def complete(self) -> bool:
        return all(d.complete for d in self.dimensions)

    @property
    def gaps(self) -> list[DimensionScore]:
        """Dimensions below target, highest priority (gap x weight) first; ties keep model order."""
        below = [d for d in self.dimensions if d.priority > 0]
        return sorted(below, key=lambda d: -d.priority)

    def dimension(self, dimension_id: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.dimension == dimension_id)


def achieved_level(score: Fraction) -> int:
    return math.floor(score)


def _weighted_mean(pairs: list[tuple[Fraction, Fraction]]) -> Fraction | None:
    total = sum((weight for _, weight in pairs), Fraction(0))
    if total == 0:
        return None
    return sum((value * weight for value, weight in pairs), Fraction(0)) / total


@dataclass
class _Tally:
    """The answers of one dimension sorted by what they mean for its score."""

    scored: list[tuple[Question, Fraction | None]]
    """Each counted question with its choice's level or points (None for don't know)."""
    open: list[str]
    """Ids of questions unanswered or changed under their answer."""
    not_applicable: int = 0
    dont_know: int = 0
    unanswered: int = 0
    changed: int = 0
    unconfirmed: int = 0


def _tally(
    area: Area, dimension: Dimension, assessment: Assessment, method: ScoringMethod
) -> _Tally:
    tally = _Tally(scored=[], open=[])
    if scoped_out_by(area, dimension, assessment.scoped_out):
        # Every question is not applicable: no score, nothing open, nothing in any mean.
        tally.not_applicable = len(dimension.questions)
        return tally
    for question in dimension.questions:
        resolved = resolve(question, assessment.answer(question.id))
        if not resolved.confirmed and resolved.state != "changed":
            tally.unconfirmed += 1
        if resolved.state == "not-applicable":
            tally.not_applicable += 1
        elif resolved.state == "dont-know":
            tally.dont_know += 1
            tally.scored.append((question, None))
        elif resolved.state == "chosen" and resolved.choice is not None:
            worth = resolved.choice.points if method == "ml-test-score" else resolved.choice.level
            tally.scored.append((question, None if worth is None else exact(worth)))
        elif resolved.state == "changed":
            tally.changed += 1
            tally.open.append(question.id)
        else:
            tally.unanswered += 1
            tally.open.append(question.id)
    return tally


def _target(assessment: Assessment, dimension: Dimension, top: int) -> int:
    target = assessment.targets.get(dimension.id, dimension.target)
    return min(max(target, 1), top)


def _dimension_score(
    area: Area,
    dimension: Dimension,
    assessment: Assessment,
    questionnaire: Questionnaire,
    tally: _Tally,
    score: Fraction | None,
    points: Fraction | None = None,
) -> DimensionScore:
    target = _target(assessment, dimension, questionnaire.top_level)
    scope = scoped_out_by(area, dimension, assessment.scoped_out)
    return DimensionScore(
        area=area.id,
        dimension=dimension.id,
        title=dimension.title,
        weight=exact(dimension.weight),
        questions=len(dimension.questions),
        answered=len(tally.scored),
        not_applicable=tally.not_applicable,
        dont_know=tally.dont_know,
        unanswered=tally.unanswered,
        changed=tally.changed,
        unconfirmed=tally.unconfirmed,
        score=score,
        level=None if score is None else achieved_level(score),
        target=target,
        gap=None if score is None else target - score,
        points=points,
        scoped_out=assessment.scoped_out[scope] if scope else "",
    )


def _roll_up(
    questionnaire: Questionnaire, assessment: Assessment, dimensions: list[DimensionScore]
) -> tuple[list[AreaScore], Fraction | None]:
    def mean(scores: list[DimensionScore]) -> Fraction | None:
        return _weighted_mean([(d.score, d.weight) for d in scores if d.score is not None])

    areas = []
    for area in questionnaire.areas:
        score = mean([d for d in dimensions if d.area == area.id])
        level = None if score is None else achieved_level(score)
        scoped = assessment.scoped_out.get(area.id, "") if area.scope_out is not None else ""
        areas.append(
            AreaScore(area=area.id, title=area.title, score=score, level=level, scoped_out=scoped)
        )
    return areas, mean(dimensions)


def _dora(questionnaire: Questionnaire, assessment: Assessment) -> DoraPlacement | None:
    """The placement from the DORA questions answered with a choice ('don't know' and 'not
    applicable' count as unanswered); None when the model asks no DORA question."""
    values: dict[DoraMetric, float] = {}
    asked = False
    for _, question in questionnaire.questions():
        if question.dora is None:
            continue
        asked = True
        resolved = resolve(question, assessment.answer(question.id))
        if resolved.state == "chosen" and resolved.choice is not None:
            value = resolved.choice.dora_value
            if value is not None:
                values[question.dora] = value
    return place(values) if asked else None


def weighted_mean(questionnaire: Questionnaire, assessment: Assessment) -> Scorecard:
    """Per dimension the weighted mean of answered levels; 'don't know' scores the lowest level."""
    dimensions = []
    for area, dimension in questionnaire.dimensions():
        tally = _tally(area, dimension, assessment, "weighted-mean")
        levels = [(q, Fraction(1) if level is None else level) for q, level in tally.scored]
        score = _weighted_mean([(level, exact(q.weight)) for q, level in levels if not q.gate])
        # A coverage gate caps the mean; it never raises it ('don't know' caps at level 1).
        ceilings = [level for q, level in levels if q.gate]
        if score is not None and ceilings:
            score = min(score, *ceilings)
        dimensions.append(
            _dimension_score(area, dimension, assessment, questionnaire, tally, score)
        )
    areas, overall = _roll_up(questionnaire, assessment, dimensions)
    return Scorecard(
        questionnaire=questionnaire.id,
        method="weighted-mean",
        dimensions=dimensions,
        areas=areas,
        score=overall,
        level=None if overall is None else achieved_level(overall),
        dora=_dora(questionnaire, assessment),
    )


# The paper's bands for the final score, with the level each is shown as (upper bound inclusive).
ML_TEST_SCORE_BANDS: tuple[tuple[Fraction | None, int, str], ...] = (
    (Fraction(0), 1, "More a research project than a production system"),
    (Fraction(1), 2, "Not untested, but serious holes in reliability are likely"),
    (Fraction(2), 3, "A first pass at basic productionisation; more investment is needed"),
    (Fraction(3), 3, "Reasonably tested; more tests and procedures could be automated"),
    (Fraction(5), 4, "Strong automated testing and monitoring, fit for mission-critical systems"),
    (None, 5, "Exceptional automated testing and monitoring"),
)


def ml_test_band(points: Fraction) -> tuple[int, str]:
    for upper, level, band in ML_TEST_SCORE_BANDS:
        if upper is None or points <= upper:
            return level, band
    raise AssertionError("unreachable: the last band has no upper bound")


def _weakest_section(area: Area, dimensions: list[DimensionScore]) -> AreaScore:
    """An area of the ML Test Score is as good as its weakest section, like the final score."""
    points = [d.points for d in dimensions if d.area == area.id and d.points is not None]
    level = ml_test_band(min(points))[0] if points else None
    score = None if level is None else Fraction(level)
    return AreaScore(area=area.id, title=area.title, score=score, level=level)


def ml_test_score(questionnaire: Questionnaire, assessment: Assessment) -> Scorecard:
    """Breck et al. 2017: per test 0, 0.5 (manual) or 1 (automated), summed per section; the
    final score is the minimum over sections.

    An unanswered test earns no points, so the final score is a lower bound that answering can
    only raise; while any test is open the result is provisional. A section whose tests are
    all not applicable has no points and is left out of the minimum."""
    sections: dict[str, Exact] = {}
    open_tests: dict[str, list[str]] = {}
    dimensions = []
    for area, dimension in questionnaire.dimensions():
        tally = _tally(area, dimension, assessment, "ml-test-score")
        points: Fraction | None = None
        score: Fraction | None = None
        if tally.scored or tally.open:
            points = sum((p or Fraction(0) for _, p in tally.scored), Fraction(0))
            score = Fraction(ml_test_band(points)[0])
            sections[dimension.id] = points
        if tally.open:
            open_tests[dimension.id] = tally.open
        dimensions.append(
            _dimension_score(area, dimension, assessment, questionnaire, tally, score, points)
        )
    areas = [_weakest_section(area, dimensions) for area in questionnaire.areas]
    result = None
    level = None
    if sections:
        final = min(sections.values())
        level, band = ml_test_band(final)
        result = MlTestScore(
            sections=sections,
            final=final,
            band=band,
            provisional=bool(open_tests),
            open_tests=open_tests,
        )
    return Scorecard(
        questionnaire=questionnaire.id,
        method="ml-test-score",
        dimensions=dimensions,
        areas=areas,
        score=None if level is None else Fraction(level),
        level=level,
        ml_test_score=result,
    )


STRATEGIES: dict[ScoringMethod, Callable[[Questionnaire, Assessment], Scorecard]] = {
    "weighted-mean": weighted_mean,
    "ml-test-score": ml_test_score,
}


def score(questionnaire: Questionnaire, assessment: Assessment) -> Scorecard:
    # A format-1 file read straight from disk still has positions: map them (only ever
    # against the exact model they were given on) so every caller scores the same way.
    return STRATEGIES[questionnaire.scoring](questionnaire, upgrade(assessment, questionnaire)[0])
