"""Scoring strategies: pure functions from a questionnaire and an assessment to a scorecard."""

import math
from collections.abc import Callable

from assess.domain.assessment import Assessment
from assess.domain.base import DomainModel
from assess.domain.dora import DoraPlacement, place
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
    weight: float
    questions: int
    """Questions in the dimension."""
    answered: int
    """Questions with a choice or 'don't know' (scored)."""
    not_applicable: int
    dont_know: int
    """'Don't know' answers, scored as the lowest level."""
    unanswered: int
    score: float | None
    """Weighted mean level of the scored answers, None when nothing is scored."""
    level: int | None
    """The level fully achieved: the score rounded down."""
    target: int
    gap: float | None
    """Target minus score; negative when above target."""
    points: float | None = None
    """ml-test-score only: the section's points."""
    scoped_out: str = ""
    """The reason the team gave for declaring this dimension (or its area) not applicable;
    empty when it is in scope. A scoped-out dimension has no score and counts nowhere."""

    @property
    def complete(self) -> bool:
        return self.unanswered == 0

    @property
    def priority(self) -> float:
        return max(self.gap or 0.0, 0.0) * self.weight


class AreaScore(DomainModel):
    area: str
    title: str
    score: float | None
    level: int | None
    scoped_out: str = ""
    """The reason given when the whole area was declared not applicable."""


class MlTestScore(DomainModel):
    """The ML Test Score result (Breck et al. 2017)."""

    sections: dict[str, float]
    """Points per section (dimension id)."""
    final: float
    """The minimum over the sections."""
    band: str
    """The paper's interpretation of the final score."""


class Scorecard(DomainModel):
    """Everything the screens and reports show about one assessment's scores."""

    questionnaire: str
    method: ScoringMethod
    dimensions: list[DimensionScore]
    areas: list[AreaScore]
    score: float | None
    """Overall score, weighted by dimension weight."""
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


def achieved_level(score: float) -> int:
    # A small tolerance so that 2.9999999 from float sums still counts as 3.
    return math.floor(score + 1e-9)


def _weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(weight for _, weight in pairs)
    if total == 0:
        return None
    return sum(value * weight for value, weight in pairs) / total


def _counts(
    dimension: Dimension, assessment: Assessment
) -> tuple[list[tuple[Question, int | None]], int, int, int]:
    """The scored (question, choice index or None for don't know) and the other counts."""
    scored: list[tuple[Question, int | None]] = []
    not_applicable = dont_know = unanswered = 0
    for question in dimension.questions:
        answer = assessment.answer(question.id)
        if answer.skip == "not-applicable" and question.allow_not_applicable:
            not_applicable += 1
        elif answer.skip == "dont-know":
            dont_know += 1
            scored.append((question, None))
        elif answer.choice is not None and answer.choice <= len(question.choices):
            scored.append((question, answer.choice - 1))
        else:
            unanswered += 1
    return scored, not_applicable, dont_know, unanswered


def _target(assessment: Assessment, dimension: Dimension, top: int) -> int:
    target = assessment.targets.get(dimension.id, dimension.target)
    return min(max(target, 1), top)


def _dimension_score(
    area: Area,
    dimension: Dimension,
    assessment: Assessment,
    top: int,
    value: Callable[[list[tuple[Question, int | None]]], tuple[float | None, float | None]],
) -> DimensionScore:
    scope = scoped_out_by(area, dimension, assessment.scoped_out)
    scored: list[tuple[Question, int | None]]
    if scope:
        # Every question is not applicable: no score, nothing open, nothing in any mean.
        scored, not_applicable, dont_know, unanswered = [], len(dimension.questions), 0, 0
    else:
        scored, not_applicable, dont_know, unanswered = _counts(dimension, assessment)
    score, points = value(scored)
    target = _target(assessment, dimension, top)
    return DimensionScore(
        area=area.id,
        dimension=dimension.id,
        title=dimension.title,
        weight=dimension.weight,
        questions=len(dimension.questions),
        answered=len(scored),
        not_applicable=not_applicable,
        dont_know=dont_know,
        unanswered=unanswered,
        score=score,
        level=None if score is None else achieved_level(score),
        target=target,
        gap=None if score is None else target - score,
        points=points,
        scoped_out=assessment.scoped_out[scope] if scope else "",
    )


def _roll_up(
    questionnaire: Questionnaire, assessment: Assessment, dimensions: list[DimensionScore]
) -> tuple[list[AreaScore], float | None]:
    def mean(scores: list[DimensionScore]) -> float | None:
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
    values: dict[DoraMetric, float] = {}
    for _, question in questionnaire.questions():
        choice = assessment.answer(question.id).choice
        if question.dora is None or choice is None or choice > len(question.choices):
            continue
        value = question.choices[choice - 1].dora_value
        if value is not None:
            values[question.dora] = value
    return place(values)


def weighted_mean(questionnaire: Questionnaire, assessment: Assessment) -> Scorecard:
    """Per dimension the weighted mean of answered levels; 'don't know' scores the lowest level."""

    def value(scored: list[tuple[Question, int | None]]) -> tuple[float | None, None]:
        def level(question: Question, index: int | None) -> float:
            return float(1 if index is None else question.choices[index].level or 1)

        pairs = [(level(q, i), q.weight) for q, i in scored if not q.gate]
        mean = _weighted_mean(pairs)
        # A coverage gate caps the mean; it never raises it ('don't know' caps at level 1).
        ceilings = [level(q, i) for q, i in scored if q.gate]
        if mean is None or not ceilings:
            return mean, None
        return min(mean, *ceilings), None

    top = questionnaire.top_level
    dimensions = [
        _dimension_score(area, dimension, assessment, top, value)
        for area, dimension in questionnaire.dimensions()
    ]
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
ML_TEST_SCORE_BANDS: tuple[tuple[float, int, str], ...] = (
    (0.0, 1, "More a research project than a production system"),
    (1.0, 2, "Not untested, but serious holes in reliability are likely"),
    (2.0, 3, "A first pass at basic productionisation; more investment is needed"),
    (3.0, 3, "Reasonably tested; more tests and procedures could be automated"),
    (5.0, 4, "Strong automated testing and monitoring, fit for mission-critical systems"),
    (math.inf, 5, "Exceptional automated testing and monitoring"),
)


def ml_test_band(points: float) -> tuple[int, str]:
    for upper, level, band in ML_TEST_SCORE_BANDS:
        if points <= upper + 1e-9:
            return level, band
    raise AssertionError("unreachable: the last band has no upper bound")


def _weakest_section(area: Area, dimensions: list[DimensionScore]) -> AreaScore:
    """An area of the ML Test Score is as good as its weakest section, like the final score."""
    points = [d.points for d in dimensions if d.area == area.id and d.points is not None]
    level = ml_test_band(min(points))[0] if points else None
    return AreaScore(area=area.id, title=area.title, score=level, level=level)


def ml_test_score(questionnaire: Questionnaire, assessment: Assessment) -> Scorecard:
    """Breck et al. 2017: per test 0, 0.5 (manual) or 1 (automated), summed per section; the
    final score is the minimum over sections. Each section's level comes from the same bands."""
    sections: dict[str, float] = {}

    top = questionnaire.top_level
    dimensions = []
    for area, dimension in questionnaire.dimensions():

        def value(scored: list[tuple[Question, int | None]]) -> tuple[float | None, float | None]:
            if not scored:
                return None, None
            points = sum(
                0.0 if index is None else question.choices[index].points or 0.0
                for question, index in scored
            )
            return float(ml_test_band(points)[0]), points

        score = _dimension_score(area, dimension, assessment, top, value)
        if score.points is not None:
            sections[dimension.id] = score.points
        dimensions.append(score)
    areas = [_weakest_section(area, dimensions) for area in questionnaire.areas]
    result = None
    level = None
    if sections:
        final = min(sections.values())
        level, band = ml_test_band(final)
        result = MlTestScore(sections=sections, final=final, band=band)
    return Scorecard(
        questionnaire=questionnaire.id,
        method="ml-test-score",
        dimensions=dimensions,
        areas=areas,
        score=None if result is None else result.final,
        level=level,
        ml_test_score=result,
    )


STRATEGIES: dict[ScoringMethod, Callable[[Questionnaire, Assessment], Scorecard]] = {
    "weighted-mean": weighted_mean,
    "ml-test-score": ml_test_score,
}


def score(questionnaire: Questionnaire, assessment: Assessment) -> Scorecard:
    return STRATEGIES[questionnaire.scoring](questionnaire, assessment)
