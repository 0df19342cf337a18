"""Scoring strategies: pure functions from a questionnaire and an assessment to a scorecard.

All arithmetic is exact (fractions.Fraction, with decimal weights read as the decimals written
in the model), so a dimension exactly at its target has no gap and equal priorities are equal;
numbers are rounded only for display.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from assess.domain.answers import UNANSWERED, Resolved, resolve, upgrade
from assess.domain.assessment import Answer, Assessment
from assess.domain.base import DomainModel, trusted
from assess.domain.dora import DoraPlacement, place
from assess.domain.numbers import Exact, coprime, exact, fraction
from assess.domain.questionnaire import (
    Area,
    Choice,
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


# --- How the scores are computed ---------------------------------------------------------------
#
# On integers, for speed without giving up exactness: within a dimension every question weight
# (a decimal as written, e.g. 0.3 = 3/10) is put over the dimension's common denominator, and
# every choice's points over theirs, so a weighted mean is one integer sum over another and
# becomes a Fraction once; area and overall means put the dimension scores over their least
# common denominator the same way. Everything that depends on the questionnaire alone (those
# integers, choices by id, the resolutions of chosen answers) is worked out once per
# questionnaire object and kept. tests/domain/reference_scoring.py is the same method written
# plainly with Fractions, and the property tests check the two agree exactly.


@dataclass(frozen=True, slots=True)
class _Choice:
    choice: Choice
    level: int
    """The choice's level; 1 when it has none, as the reference counts it."""
    points: int
    """The choice's points over its dimension's points denominator; 0 when it has none."""
    chosen: tuple[Resolved, Resolved]
    """The resolution of an answer naming this choice as recorded: unconfirmed, confirmed."""
    recorded: tuple[str, int | None, float | None]
    """The text, level and points an answer records when it is given (answers.answer_for)."""
    weighted: int
    """The level times its question's weight (over the dimension's weight denominator)."""

    def still_chosen(self, answer: Answer) -> bool:
        """Whether an answer naming this choice reads as chosen: only what it recorded is
        compared, since a hand-written answer may name just the id (as answers.resolve)."""
        choice = self.choice
        return (
            (not answer.text or answer.text == choice.text)
            and (answer.level is None or answer.level == choice.level)
            and (answer.points is None or answer.points == choice.points)
        )


_QuestionPlan = tuple[str, Question, int, bool, dict[str, _Choice]]
"""A question's id, the question, its weight over its dimension's weight denominator, whether
it is a gate, and its choices by id (the first of equal ids, as Question.choice finds it)."""


@dataclass(frozen=True, slots=True)
class _DimensionPlan:
    area: Area
    dimension: Dimension
    questions: tuple[_QuestionPlan, ...]
    weight: Fraction
    weight_share: int
    """The dimension's weight over the questionnaire's dimension-weight denominator."""
    points_unit: int
    """The denominator its choices' points are counted over."""


@dataclass(frozen=True, slots=True)
class _Plan:
    questionnaire: Questionnaire
    dimensions: tuple[_DimensionPlan, ...]
    areas: tuple[tuple[Area, int, int], ...]
    """Each area with the range of its dimensions in `dimensions`."""
    dora: tuple[tuple[DoraMetric, int], ...]
    """The DORA questions: metric and position in the model's question order."""


def _common_denominator(values: list[Fraction]) -> int:
    return math.lcm(*(value.denominator for value in values)) if values else 1


def _make_plan(questionnaire: Questionnaire) -> _Plan:
    dimensions: list[_DimensionPlan] = []
    areas: list[tuple[Area, int, int]] = []
    dora: list[tuple[DoraMetric, int]] = []
    weight_unit = _common_denominator([exact(d.weight) for _, d in questionnaire.dimensions()])
    position = 0
    for area in questionnaire.areas:
        first_dimension = len(dimensions)
        for dimension in area.dimensions:
            weights = [exact(q.weight) for q in dimension.questions]
            unit = _common_denominator(weights)
            points_unit = _common_denominator(
                [
                    exact(c.points)
                    for q in dimension.questions
                    for c in q.choices
                    if c.points is not None
                ]
            )
            questions: list[_QuestionPlan] = []
            for question, weight in zip(dimension.questions, weights, strict=True):
                share = int(weight * unit)
                choices: dict[str, _Choice] = {}
                for choice in question.choices:
                    points = 0 if choice.points is None else exact(choice.points) * points_unit
                    chosen = (
                        Resolved("chosen", choice, confirmed=False),
                        Resolved("chosen", choice),
                    )
                    level = 1 if choice.level is None else choice.level
                    recorded = (choice.text, choice.level, choice.points)
                    choices.setdefault(
                        choice.id,
                        _Choice(choice, level, int(points), chosen, recorded, level * share),
                    )
                if question.dora is not None:
                    dora.append((question.dora, position))
                position += 1
                questions.append((question.id, question, share, question.gate, choices))
            weight = exact(dimension.weight)
            dimensions.append(
                _DimensionPlan(
                    area,
                    dimension,
                    tuple(questions),
                    weight,
                    int(weight * weight_unit),
                    points_unit,
                )
            )
        areas.append((area, first_dimension, len(dimensions)))
    return _Plan(questionnaire, tuple(dimensions), tuple(areas), tuple(dora))


_PLANS: dict[int, _Plan] = {}
_PLANS_KEPT = 16


def _plan(questionnaire: Questionnaire) -> _Plan:
    """The questionnaire's plan, made once per questionnaire object (they never change: domain
    models are frozen). A plan holds its questionnaire, so the id cannot be reused while kept."""
    plan = _PLANS.get(id(questionnaire))
    if plan is None or plan.questionnaire is not questionnaire:
        if len(_PLANS) >= _PLANS_KEPT:
            del _PLANS[next(iter(_PLANS))]
        plan = _PLANS[id(questionnaire)] = _make_plan(questionnaire)
    return plan


_DONT_KNOW = (Resolved("dont-know", confirmed=False), Resolved("dont-know"))
_NOT_APPLICABLE = (Resolved("not-applicable", confirmed=False), Resolved("not-applicable"))


class _FormatOne(Exception):
    """An answer still holds a format-1 position: score the upgraded assessment instead."""


def _mean(scores: list[tuple[int, int, int]]) -> Fraction | None:
    """The mean of scores given as (numerator, denominator, weight), weights being integers over
    a common denominator; None when there are none."""
    if not scores:
        return None
    common = math.lcm(*[d for _, d, _ in scores])
    total = sum([n * (common // d) * w for n, d, w in scores])
    return fraction(total, common * sum([w for _, _, w in scores]))


@lru_cache(maxsize=4096)
def _placement(values: tuple[tuple[DoraMetric, float], ...]) -> DoraPlacement:
    # A placement is a frozen model: scorecards of equal answers can share one.
    return place(dict(values))


def _dora(plan: _Plan, resolved: list[Resolved]) -> DoraPlacement | None:
    """The placement from the DORA questions answered with a choice ('don't know' and 'not
    applicable' count as unanswered); None when the model asks no DORA question."""
    if not plan.dora:
        return None
    values: dict[DoraMetric, float] = {}
    for metric, index in plan.dora:
        answer = resolved[index]
        if answer.state == "chosen" and answer.choice is not None:
            value = answer.choice.dora_value
            if value is not None:
                values[metric] = value
    return _placement(tuple(values.items()))


class _Tally(NamedTuple):
    """One dimension's answers counted, as _read leaves them."""

    answered: int
    not_applicable: int
    dont_know: int
    unanswered: int
    changed: int
    unconfirmed: int
    points: int
    """ml-test-score: the points earned, over the plan's points unit."""
    open_ids: list[str]
    scope: str
    """The key of the scoped-out part that covers the dimension; empty when in scope."""
    mean: tuple[int, int] | None
    """The weighted mean of the levels (weights over the plan's unit) as numerator and
    denominator, not reduced; None when nothing is scored. A coverage gate caps the mean with
    the lowest level among its answers; it never raises it ('don't know' caps at level 1)."""


def _read(
    plan: _Plan, assessment: Assessment, positions: bool
) -> tuple[list[Resolved], list[_Tally]]:
    """Every answer resolved (answers.resolve) in the model's order, and each dimension's tally.

    The usual answers (a choice as recorded, don't know, an allowed not applicable, none) are
    resolved here, to the same values resolve gives; all others go to resolve itself. Raises
    _FormatOne on a format-1 position unless `positions` says they are expected."""
    get = assessment.answers.get
    scoped = assessment.scoped_out
    tallies: list[_Tally] = []
    resolved: list[Resolved] = []
    add = resolved.append
    for entry in plan.dimensions:
        not_applicable = dont_know = unanswered = changed = unconfirmed = answered = 0
        total = weights = points = 0
        ceiling: int | None = None
        open_ids: list[str] = []
        for qid, question, weight, gate, choices in entry.questions:
            answer = get(qid)
            if answer is None:
                add(UNANSWERED)
                unanswered += 1
                open_ids.append(qid)
                continue
            skip = answer.skip
            # A choice None finds nothing: the answer then goes the slow way.
            found = choices.get(answer.choice) if skip is None else None  # type: ignore[arg-type]
            # An answer as given records all three; anything else is compared field by field.
            if (
                found is not None
                and (answer.text, answer.level, answer.points) != found.recorded
                and not found.still_chosen(answer)
            ):
                found = None
            if found is None:
                if skip == "dont-know":
                    # 'Don't know' counts as the lowest level and earns no points.
                    add(_DONT_KNOW[answer.confirmed])
                    unconfirmed += not answer.confirmed
                    answered += 1
                    dont_know += 1
                    if not gate:
                        total += weight
                        weights += weight
                    elif ceiling is None or ceiling > 1:
                        ceiling = 1
                    continue
                if skip == "not-applicable" and question.allow_not_applicable:
                    result = _NOT_APPLICABLE[answer.confirmed]
                else:
                    if answer.position is not None and not positions:
                        raise _FormatOne
                    result = resolve(question, answer)
                state = result.state
                if state != "chosen" or result.choice is None:
                    add(result)
                    if state == "not-applicable":
                        not_applicable += 1
                        unconfirmed += not result.confirmed
                    elif state == "changed":
                        changed += 1
                        open_ids.append(qid)
                    else:
                        unanswered += 1
                        unconfirmed += not result.confirmed
                        open_ids.append(qid)
                    continue
                found = choices[result.choice.id]
            # A choice that still reads as chosen: the usual answer.
            confirmed = answer.confirmed
            add(found.chosen[confirmed])
            unconfirmed += not confirmed
            answered += 1
            points += found.points
            if not gate:
                total += found.weighted
                weights += weight
            elif ceiling is None or found.level < ceiling:
                ceiling = found.level
        scope = scoped_out_by(entry.area, entry.dimension, scoped) if scoped else ""
        if scope:
            # Every question is not applicable: no score, nothing open, nothing in any mean.
            tallies.append(_Tally(0, len(entry.questions), 0, 0, 0, 0, 0, [], scope, None))
        else:
            if not weights:
                mean = None
            elif ceiling is not None and ceiling * weights < total:
                mean = (ceiling, 1)
            else:
                mean = (total, weights)
            tallies.append(
                _Tally(
                    answered,
                    not_applicable,
                    dont_know,
                    unanswered,
                    changed,
                    unconfirmed,
                    points,
                    open_ids,
                    "",
                    mean,
                )
            )
    return resolved, tallies


def _section_points(entry: _DimensionPlan, tally: _Tally) -> Fraction | None:
    """An ML Test Score section's points; None when nothing in it is answered or open (all
    not applicable, or scoped out)."""
    if tally.answered or tally.open_ids:
        return fraction(tally.points, entry.points_unit)
    return None


def _target(dimension: Dimension, targets: dict[str, int], top: int) -> int:
    """The team's target for the dimension (the model's when it set none), within the ladder."""
    target = targets.get(dimension.id, dimension.target) if targets else dimension.target
    return min(max(target, 1), top)


def _scorecard(
    plan: _Plan, assessment: Assessment, method: ScoringMethod, positions: bool
) -> tuple[Scorecard, list[Resolved]]:
    """The scorecard, and every answer resolved, in the model's order (see _read)."""
    resolved, tallies = _read(plan, assessment, positions)
    questionnaire = plan.questionnaire
    top = questionnaire.top_level
    scoped = assessment.scoped_out
    targets = assessment.targets
    ml = method == "ml-test-score"
    sections: dict[str, Exact] = {}
    open_tests: dict[str, list[str]] = {}
    dimensions: list[DimensionScore] = []
    # Each dimension's score in lowest terms with its weight, for the area and overall means.
    means: list[tuple[int, int, int] | None] = []
    for entry, tally in zip(plan.dimensions, tallies, strict=True):
        dimension = entry.dimension
        target = _target(dimension, targets, top)
        score: Fraction | None = None
        gap: Fraction | None = None
        section_points: Fraction | None = None
        if ml:
            section_points = _section_points(entry, tally)
            if section_points is not None:
                level = ml_test_band(section_points)[0]
                score = coprime(level, 1)
                gap = coprime(target - level, 1)
                sections[dimension.id] = section_points
            if tally.open_ids:
                open_tests[dimension.id] = tally.open_ids
        elif tally.mean is None:
            means.append(None)
        else:
            numerator, denominator = tally.mean
            common = math.gcd(numerator, denominator)
            numerator //= common
            denominator //= common
            score = coprime(numerator, denominator)
            # In lowest terms, so target - score is too: no second reduction.
            gap = coprime(target * denominator - numerator, denominator)
            means.append((numerator, denominator, entry.weight_share))
        dimensions.append(
            trusted(
                DimensionScore,
                {
                    "area": entry.area.id,
                    "dimension": dimension.id,
                    "title": dimension.title,
                    "weight": entry.weight,
                    "questions": len(entry.questions),
                    "answered": tally.answered,
                    "not_applicable": tally.not_applicable,
                    "dont_know": tally.dont_know,
                    "unanswered": tally.unanswered,
                    "changed": tally.changed,
                    "unconfirmed": tally.unconfirmed,
                    "score": score,
                    "level": None if score is None else score.numerator // score.denominator,
                    "target": target,
                    "gap": gap,
                    "points": section_points,
                    "scoped_out": scoped[tally.scope] if tally.scope else "",
                },
            )
        )
    if ml:
        return _ml_card(plan, dimensions, sections, open_tests), resolved
    areas = []
    for area, first, last in plan.areas:
        area_score = _mean([m for m in means[first:last] if m is not None])
        areas.append(
            AreaScore(
                area=area.id,
                title=area.title,
                score=area_score,
                level=None if area_score is None else achieved_level(area_score),
                scoped_out=scoped.get(area.id, "") if area.scope_out is not None else "",
            )
        )
    overall = _mean([m for m in means if m is not None])
    card = Scorecard(
        questionnaire=questionnaire.id,
        method="weighted-mean",
        dimensions=dimensions,
        areas=areas,
        score=overall,
        level=None if overall is None else achieved_level(overall),
        dora=_dora(plan, resolved),
    )
    return card, resolved


def _weakest_section(area: Area, dimensions: list[DimensionScore]) -> AreaScore:
    """An area of the ML Test Score is as good as its weakest section, like the final score."""
    points = [d.points for d in dimensions if d.area == area.id and d.points is not None]
    level = ml_test_band(min(points))[0] if points else None
    score = None if level is None else Fraction(level)
    return AreaScore(area=area.id, title=area.title, score=score, level=level, scoped_out="")


def _ml_card(
    plan: _Plan,
    dimensions: list[DimensionScore],
    sections: dict[str, Exact],
    open_tests: dict[str, list[str]],
) -> Scorecard:
    """Breck et al. 2017: per test 0, 0.5 (manual) or 1 (automated), summed per section; the
    final score is the minimum over sections.

    An unanswered test earns no points, so the final score is a lower bound that answering can
    only raise; while any test is open the result is provisional. A section whose tests are
    all not applicable has no points and is left out of the minimum."""
    questionnaire = plan.questionnaire
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
        dora=None,
    )


def _scored(
    questionnaire: Questionnaire, assessment: Assessment, method: ScoringMethod
) -> tuple[Scorecard, list[Resolved]]:
    plan = _plan(questionnaire)
    try:
        return _scorecard(plan, assessment, method, positions=False)
    except _FormatOne:
        # A format-1 file read straight from disk still has positions: map them (only ever
        # against the exact model they were given on) so every caller scores the same way.
        upgraded = upgrade(assessment, questionnaire)[0]
        return _scorecard(plan, upgraded, method, positions=True)


class Reading(NamedTuple):
    """One assessment read against its model, without a scorecard built."""

    resolved: list[Resolved]
    """Every answer resolved (answers.resolve, after answers.upgrade), in the model's question
    order (Questionnaire.questions())."""
    scores: list[tuple[int, int] | None]
    """Each dimension's score in the model's order, as the numerator and denominator (not in
    lowest terms) of the value its scorecard gives; None where the scorecard has none."""


def _read_upgraded(plan: _Plan, assessment: Assessment) -> tuple[list[Resolved], list[_Tally]]:
    """_read, of the upgraded assessment when an answer still holds a format-1 position."""
    try:
        return _read(plan, assessment, positions=False)
    except _FormatOne:
        upgraded = upgrade(assessment, plan.questionnaire)[0]
        return _read(plan, upgraded, positions=True)


def read_scores(questionnaire: Questionnaire, assessment: Assessment) -> Reading:
    """What score() computes of each dimension, with the answers as read: consolidation reads
    every respondent this way, and building their scorecards cost more than reading them."""
    plan = _plan(questionnaire)
    resolved, tallies = _read_upgraded(plan, assessment)
    if questionnaire.scoring != "ml-test-score":
        return Reading(resolved, [tally.mean for tally in tallies])
    scores: list[tuple[int, int] | None] = []
    for entry, tally in zip(plan.dimensions, tallies, strict=True):
        points = _section_points(entry, tally)
        scores.append(None if points is None else (ml_test_band(points)[0], 1))
    return Reading(resolved, scores)


class DimensionFigures(NamedTuple):
    """A dimension's figures of its scorecard (DimensionScore) as plain numbers, each exact value
    as numerator and denominator (not in lowest terms); None where the scorecard has none."""

    score: tuple[int, int] | None
    level: int | None
    target: int
    gap: tuple[int, int] | None
    points: tuple[int, int] | None
    answered: int
    not_applicable: int
    dont_know: int
    unanswered: int


class Figures(NamedTuple):
    """An assessment's scores without its scorecard built: what the export stores."""

    resolved: list[Resolved]
    """Every answer resolved (answers.resolve, after answers.upgrade), in the model's question
    order (Questionnaire.questions())."""
    dimensions: list[DimensionFigures]
    """In the model's order (Questionnaire.dimensions())."""
    score: Fraction | None
    level: int | None


def figures(questionnaire: Questionnaire, assessment: Assessment) -> Figures:
    """What score() gives, as numbers: exporting thousands of assessments, building their
    scorecards cost as much as reading the files."""
    if questionnaire.scoring == "ml-test-score":
        card, resolved = _scored(questionnaire, assessment, "ml-test-score")
        return Figures(resolved, [_figures_of(d) for d in card.dimensions], card.score, card.level)
    plan = _plan(questionnaire)
    resolved, tallies = _read_upgraded(plan, assessment)
    top = questionnaire.top_level
    targets = assessment.targets
    dimensions: list[DimensionFigures] = []
    add = dimensions.append
    means: list[tuple[int, int, int]] = []
    for entry, tally in zip(plan.dimensions, tallies, strict=True):
        target = _target(entry.dimension, targets, top)
        mean = tally.mean
        if mean is None:
            score = gap = level = None
        else:
            numerator, denominator = mean
            score, level = mean, numerator // denominator
            gap = (target * denominator - numerator, denominator)
            means.append((numerator, denominator, entry.weight_share))
        add(
            DimensionFigures(
                score,
                level,
                target,
                gap,
                None,
                tally.answered,
                tally.not_applicable,
                tally.dont_know,
                tally.unanswered,
            )
        )
    overall = _mean(means)
    return Figures(
        resolved, dimensions, overall, None if overall is None else achieved_level(overall)
    )


def _pair(value: Fraction | None) -> tuple[int, int] | None:
    return None if value is None else (value.numerator, value.denominator)


def _figures_of(d: DimensionScore) -> DimensionFigures:
    return DimensionFigures(
        _pair(d.score),
        d.level,
        d.target,
        _pair(d.gap),
        _pair(d.points),
        d.answered,
        d.not_applicable,
        d.dont_know,
        d.unanswered,
    )


def weighted_mean(questionnaire: Questionnaire, assessment: Assessment) -> Scorecard:
    """Per dimension the weighted mean of answered levels; 'don't know' scores the lowest level."""
    return _scored(questionnaire, assessment, "weighted-mean")[0]


def ml_test_score(questionnaire: Questionnaire, assessment: Assessment) -> Scorecard:
    """The ML Test Score: points per section, the final score the minimum over sections."""
    return _scored(questionnaire, assessment, "ml-test-score")[0]


STRATEGIES: dict[ScoringMethod, Callable[[Questionnaire, Assessment], Scorecard]] = {
    "weighted-mean": weighted_mean,
    "ml-test-score": ml_test_score,
}


def score(questionnaire: Questionnaire, assessment: Assessment) -> Scorecard:
    return _scored(questionnaire, assessment, questionnaire.scoring)[0]
