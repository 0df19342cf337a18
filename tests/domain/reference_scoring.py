"""The scorer as first written, plainly, with Fraction arithmetic throughout: the reference
that assess.domain.scoring (integer arithmetic, per-questionnaire plans) is checked against in
tests/domain/test_fast_scoring.py. Change it only when the scoring rules change."""

from dataclasses import dataclass
from fractions import Fraction

from assess.domain.answers import resolve, upgrade
from assess.domain.assessment import Assessment
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
from assess.domain.scoring import (
    AreaScore,
    DimensionScore,
    MlTestScore,
    Scorecard,
    achieved_level,
    ml_test_band,
)


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


def reference_score(questionnaire: Questionnaire, assessment: Assessment) -> Scorecard:
    upgraded = upgrade(assessment, questionnaire)[0]
    if questionnaire.scoring == "ml-test-score":
        return ml_test_score(questionnaire, upgraded)
    return weighted_mean(questionnaire, upgraded)
