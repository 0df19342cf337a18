"""Several respondents' answers to one model consolidated into the team's answer.

Per question, each respondent's answer is read against the model (see domain.answers):
a choice counts at its level (ml-test-score models: its points), "don't know" counts at the
lowest level (0 points), as scoring counts it; "not applicable", unanswered and changed answers
are counted apart and take no part in the median. The consolidated answer is the answer at the
lower median, so that disagreement never flatters the team; among answers of equal worth, don't
know comes first and choices come in the model's order, so the result never depends on the order
of the respondents' files. A facilitator's agreed answer replaces it and keeps the distribution
it settled.
"""

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from typing import Final

from assess.domain.answers import Resolved, answer_for
from assess.domain.assessment import (
    Agreed,
    Answer,
    Assessment,
    Consolidation,
    DimensionSpread,
    QuestionSpread,
    new_assessment,
)
from assess.domain.base import DomainModel, trusted
from assess.domain.numbers import Exact, exact, fraction
from assess.domain.questionnaire import Choice, Dimension, Question, Questionnaire
from assess.domain.scoring import Scorecard, read_scores, score

NOT_APPLICABLE: Final = "not-applicable"
DONT_KNOW: Final = "dont-know"
UNANSWERED: Final = "unanswered"
"""Keys of the distribution besides choice ids ('changed' answers count as unanswered)."""

WIDE_RANGE: Final = 2
"""A question is flagged when the respondents' levels span this many levels or more."""


class ConsensusError(ValueError):
    """Respondents that cannot be consolidated on this model, with the reason."""


class QuestionConsensus(DomainModel):
    """What the respondents answered to one question and what the team's answer is."""

    question: str
    distribution: dict[str, int]
    """Respondents per choice id, and per 'not-applicable', 'dont-know' and 'unanswered'."""
    counted: int
    """Respondents in the median: a choice or don't know."""
    median: Answer | None
    """The answer at the lower median of the counted levels; None when nobody counted."""
    low: Exact | None = None
    """Lowest counted level (points on ml-test-score models)."""
    high: Exact | None = None
    """Highest counted level."""
    iqr: Exact | None = None
    """Interquartile range of the counted levels (linear between ranks, exact)."""
    flagged: bool = False
    """The respondents disagree: their levels span two levels or more (ml-test-score: from
    no points to full points)."""
    agreed: Agreed | None = None
    """The facilitator's agreed answer, when one was set; it replaces the median."""

    @property
    def answered_by(self) -> int:
        """Respondents who gave any answer (a choice, don't know or not applicable)."""
        return sum(self.distribution.values()) - self.distribution.get(UNANSWERED, 0)

    @property
    def reopened(self) -> bool:
        """An agreed answer whose respondents' answers changed since it was agreed."""
        return self.agreed is not None and self.agreed.distribution != self.distribution

    def spread(self) -> QuestionSpread:
        return trusted(
            QuestionSpread,
            {
                "distribution": self.distribution,
                "counted": self.counted,
                "low": self.low,
                "high": self.high,
                "iqr": self.iqr,
                "flagged": self.flagged,
            },
        )

    @property
    def range(self) -> Fraction | None:
        return None if self.low is None or self.high is None else self.high - self.low

    @property
    def answer(self) -> Answer | None:
        """The team's answer: the agreed one when set, else the lower median; a question
        everyone who answered found not applicable is not applicable."""
        if self.agreed is not None:
            return self.agreed.answer
        if self.median is not None:
            return self.median
        if self.distribution.get(NOT_APPLICABLE, 0) > 0:
            return Answer(skip="not-applicable")
        return None


class DimensionConsensus(DomainModel):
    dimension: str
    questions: int
    """Questions with at least one counted answer."""
    flagged: int
    agreement: Exact | None
    """Share of those questions not flagged; None when no question has a counted answer."""
    low: Exact | None = None
    """The lowest respondent's own score of the dimension; None when no respondent has one."""
    high: Exact | None = None
    """The highest respondent's own score of the dimension."""


class Consensus(DomainModel):
    """The consolidation of a team's respondents."""

    respondents: int
    questions: list[QuestionConsensus]
    dimensions: list[DimensionConsensus]
    assessment: Assessment
    """The consolidated answers as an assessment, scored by the model's own method."""
    scorecard: Scorecard

    def question(self, question_id: str) -> QuestionConsensus:
        return next(q for q in self.questions if q.question == question_id)

    @property
    def disagreements(self) -> list[QuestionConsensus]:
        """Flagged questions, widest range first; ties keep the model's order."""
        flagged = [q for q in self.questions if q.flagged]
        return sorted(flagged, key=lambda q: -(q.range or 0))

    def recorded(
        self, respondents: Sequence[str], named: bool, files: Mapping[str, str], now: datetime
    ) -> Assessment:
        """The consolidated assessment with its Consolidation record, ready to save.
        `respondents` are the labels as they may be shown (see `labels`)."""
        record = Consolidation(
            respondents=list(respondents),
            named=named,
            files=dict(files),
            consolidated=now,
            questions={q.question: q.spread() for q in self.questions if q.answered_by},
            dimensions={
                d.dimension: trusted(
                    DimensionSpread,
                    {
                        "low": d.low,
                        "high": d.high,
                        "questions": d.questions,
                        "flagged": d.flagged,
                        "agreement": d.agreement,
                    },
                )
                for d in self.dimensions
            },
            agreed={q.question: q.agreed for q in self.questions if q.agreed is not None},
        )
        return self.assessment.model_copy(update={"consolidation": record, "updated": now})


def labels(respondents: Sequence[Assessment], named: bool) -> list[str]:
    """How each respondent may be shown: the name when the team opted in to names and the
    respondent gave one and did not choose anonymity, else 'Respondent n' (n in file order)."""
    return [
        r.respondent if named and r.respondent and not r.anonymous else f"Respondent {n}"
        for n, r in enumerate(respondents, start=1)
    ]


def agree(question: QuestionConsensus, answer: Answer, note: str, now: datetime) -> Agreed:
    """A facilitator's agreed answer for a question, recording the distribution it settles."""
    return Agreed(answer=answer, note=note, distribution=dict(question.distribution), agreed=now)


@dataclass(frozen=True, slots=True)
class _Counted:
    """A counted answer to one question: a choice with a worth, or don't know."""

    worth: Fraction
    units: int
    """The worth over the question's worth unit (see _Plan.unit): integer arithmetic."""
    order: int
    """Where it sorts: by worth, don't know before a choice of the same worth (the weaker
    statement), choices of the same worth in the model's order."""
    choice: Choice | None
    """The choice answered; None for don't know."""


@dataclass(frozen=True, slots=True)
class _Plan:
    """What consolidating one question needs of the model, worked out once per question."""

    question: Question
    by_choice: dict[str, _Counted]
    """Choices with a worth, by id (the first of equal ids, as Question.choice finds it)."""
    dont_know: _Counted
    unit: int
    """The common denominator of the question's worths."""
    full_range: int
    """Highest minus lowest worth of the choices, in units."""
    ml: bool
    kinds: dict[int, tuple[Resolved, str, "_Counted | None"]]
    """How answers as read count (see _kind), by the id of the Resolved object."""
    answers: dict[tuple[str, str], Answer]
    """The answers this question's consensus can give, by choice id (or skip) and source, made
    when first needed: the same few answers are given again at every consolidation."""

    def answer(self, key: str, source: str = "") -> Answer:
        made = self.answers.get((key, source))
        if made is None:
            if key == DONT_KNOW:
                made = Answer(skip="dont-know", source=source)
            elif key == NOT_APPLICABLE:
                made = Answer(skip="not-applicable", source=source)
            else:
                choice = self.by_choice[key].choice
                assert choice is not None
                made = answer_for(self.question, choice)
                if source:
                    made = made.model_copy(update={"source": source})
            self.answers[(key, source)] = made
        return made


def _make_plan(question: Question, ml: bool) -> _Plan:
    worth_of: dict[str, tuple[Fraction, int, Choice]] = {}
    for index, choice in enumerate(question.choices, start=1):
        value = choice.points if ml else choice.level
        if value is not None:
            worth_of.setdefault(choice.id, (exact(value), index, choice))
    worths = [worth for worth, _, _ in worth_of.values()]
    lowest = min(worths) if worths else Fraction(0)
    unknown = min(lowest, Fraction(0) if ml else Fraction(1))
    unit = math.lcm(*(w.denominator for w in [*worths, unknown]))
    ranks = sorted({*worths, unknown})
    slots = len(question.choices) + 1
    by_choice = {
        cid: _Counted(worth, int(worth * unit), ranks.index(worth) * slots + index, choice)
        for cid, (worth, index, choice) in worth_of.items()
    }
    return _Plan(
        question=question,
        by_choice=by_choice,
        dont_know=_Counted(unknown, int(unknown * unit), ranks.index(unknown) * slots, None),
        unit=unit,
        full_range=int((max(worths) - min(worths)) * unit) if worths else 0,
        ml=ml,
        kinds={},
        answers={},
    )


_PLANS: dict[int, tuple[Questionnaire, list[tuple[Dimension, list[_Plan]]]]] = {}
_PLANS_KEPT = 16


def _plans(questionnaire: Questionnaire) -> list[tuple[Dimension, list[_Plan]]]:
    """Each dimension with its questions' plans, in the model's order; kept per questionnaire
    object (models are frozen), holding it so that its id cannot be reused while kept."""
    cached = _PLANS.get(id(questionnaire))
    if cached is not None and cached[0] is questionnaire:
        return cached[1]
    ml = questionnaire.scoring == "ml-test-score"
    plans = [
        (dimension, [_make_plan(question, ml) for question in dimension.questions])
        for _, dimension in questionnaire.dimensions()
    ]
    if len(_PLANS) >= _PLANS_KEPT:
        del _PLANS[next(iter(_PLANS))]
    _PLANS[id(questionnaire)] = (questionnaire, plans)
    return plans


def _counted_at(groups: list[tuple[int, _Counted, int]], index: int) -> _Counted:
    """The counted answer at a place of the sorted counted answers, given as groups of
    (order, answer, how many)."""
    for _, counted, many in groups:
        if index < many:
            return counted
        index -= many
    raise AssertionError("unreachable: the index is below the number counted")


def _quartile_units(groups: list[tuple[int, _Counted, int]], n: int, quarters: int) -> int:
    """Four times the quartile, in units: linear between ranks (the 'inclusive' method), so the
    position (n - 1) x quarters / 4 is an integer part and a remainder in quarters."""
    below, rest = divmod((n - 1) * quarters, 4)
    low = _counted_at(groups, below).units
    if rest == 0:
        return 4 * low
    return 4 * low + (_counted_at(groups, below + 1).units - low) * rest


def _kind(plan: _Plan, resolved: Resolved) -> tuple[Resolved, str, _Counted | None]:
    """How an answer as read counts: its key in the distribution, and in the median (None:
    not counted)."""
    state = resolved.state
    if state == "chosen" and resolved.choice is not None:
        return resolved, resolved.choice.id, plan.by_choice.get(resolved.choice.id)
    if state == "dont-know":
        return resolved, DONT_KNOW, plan.dont_know
    return resolved, NOT_APPLICABLE if state == "not-applicable" else UNANSWERED, None


_KINDS_KEPT = 64


def _question(
    plan: _Plan, column: Sequence[Resolved], agreed: Agreed | None
) -> tuple[QuestionConsensus, str | None]:
    """One question's consensus from the respondents' answers as read (one each), and what the
    lower median makes the team's answer: a choice id, don't know, not applicable (when everyone
    who answered found it so) or None."""
    # Respondents who answered alike share one Resolved object (see scoring._read): counting
    # the objects is counting the answers, without a Python step per respondent. How each
    # object counts is kept by its id, with the object, so that the id cannot be reused while
    # it is kept.
    kinds = plan.kinds
    distribution: dict[str, int] = {}
    groups: list[tuple[int, _Counted, int]] = []
    n = 0
    for key, times in Counter(map(id, column)).items():
        kind = kinds.get(key)
        if kind is None:
            kind = _kind(plan, next(r for r in column if id(r) == key))
            if len(kinds) >= _KINDS_KEPT:
                kinds.clear()
            kinds[key] = kind
        _, name, counted = kind
        distribution[name] = distribution.get(name, 0) + times
        if counted is not None:
            groups.append((counted.order, counted, times))
            n += times
    if not n:
        empty = trusted(
            QuestionConsensus,
            {
                "question": plan.question.id,
                "distribution": distribution,
                "counted": 0,
                "median": None,
                "low": None,
                "high": None,
                "iqr": None,
                "flagged": False,
                "agreed": agreed,
            },
        )
        return empty, NOT_APPLICABLE if NOT_APPLICABLE in distribution else None
    groups.sort(key=_first)
    middle = _counted_at(groups, (n - 1) // 2)
    lowest, highest = groups[0][1], groups[-1][1]
    spread = highest.units - lowest.units
    # ml-test-score: from no points to full points; otherwise two levels or more.
    flagged = spread >= plan.full_range > 0 if plan.ml else spread >= WIDE_RANGE * plan.unit
    iqr = _quartile_units(groups, n, 3) - _quartile_units(groups, n, 1)
    median = DONT_KNOW if middle.choice is None else middle.choice.id
    result = trusted(
        QuestionConsensus,
        {
            "question": plan.question.id,
            "distribution": distribution,
            "counted": n,
            "median": plan.answer(median),
            "low": lowest.worth,
            "high": highest.worth,
            "iqr": fraction(iqr, 4 * plan.unit),
            "flagged": flagged,
            "agreed": agreed,
        },
    )
    return result, median


def _first(group: tuple[int, _Counted, int]) -> int:
    return group[0]


def check_respondents(questionnaire: Questionnaire, respondents: Sequence[Assessment]) -> None:
    """Refuse respondents of another model or version: their answers cannot be pooled."""
    if not respondents:
        raise ConsensusError("there are no respondents to consolidate")
    for number, respondent in enumerate(respondents, start=1):
        who = respondent.respondent or f"respondent {number}"
        if respondent.questionnaire != questionnaire.id:
            raise ConsensusError(
                f"{who} answered questionnaire '{respondent.questionnaire}', "
                f"not '{questionnaire.id}'"
            )
        if respondent.questionnaire_version != questionnaire.version:
            raise ConsensusError(
                f"{who} answered version {respondent.questionnaire_version} of "
                f"'{questionnaire.id}', not {questionnaire.version}; ask them to answer again "
                "on this version"
            )


def consolidate(
    questionnaire: Questionnaire,
    respondents: Sequence[Assessment],
    team: str,
    on: date,
    now: datetime,
    agreed: Mapping[str, Agreed] | None = None,
    base: Assessment | None = None,
) -> Consensus:
    """The team's consolidated answers and scores. `base` (the team's own assessment, when
    there is one) gives the targets and scoped-out parts; agreed answers are by question id."""
    check_respondents(questionnaire, respondents)
    agreed = agreed or {}
    consolidated = new_assessment(questionnaire, team, [], on, now)
    if base is not None:
        consolidated = consolidated.model_copy(
            update={"targets": dict(base.targets), "scoped_out": dict(base.scoped_out)}
        )
    readings = [read_scores(questionnaire, respondent) for respondent in respondents]
    # One column of answers per question, in the model's order.
    columns = iter(zip(*(reading.resolved for reading in readings), strict=True))
    median_source = f"lower median of {len(respondents)} respondents"
    answers: dict[str, Answer] = {}
    questions: list[QuestionConsensus] = []
    dimensions: list[DimensionConsensus] = []
    for index, (dimension, plans) in enumerate(_plans(questionnaire)):
        with_answers = flagged = 0
        for plan in plans:
            qid = plan.question.id
            settled = agreed.get(qid) if agreed else None
            result, key = _question(plan, next(columns), settled)
            questions.append(result)
            if result.counted:
                with_answers += 1
                flagged += result.flagged
            if settled is not None:
                answers[qid] = settled.answer.model_copy(update={"source": "agreed by the team"})
            elif key is not None:
                answers[qid] = plan.answer(key, median_source)
        low, high = _extremes([reading.scores[index] for reading in readings])
        dimensions.append(
            trusted(
                DimensionConsensus,
                {
                    "dimension": dimension.id,
                    "questions": with_answers,
                    "flagged": flagged,
                    "agreement": (
                        fraction(with_answers - flagged, with_answers) if with_answers else None
                    ),
                    "low": low,
                    "high": high,
                },
            )
        )
    consolidated = consolidated.model_copy(update={"answers": answers})
    return Consensus(
        respondents=len(respondents),
        questions=questions,
        dimensions=dimensions,
        assessment=consolidated,
        scorecard=score(questionnaire, consolidated),
    )


def _extremes(
    scores: list[tuple[int, int] | None],
) -> tuple[Fraction | None, Fraction | None]:
    """The lowest and highest of scores given as numerator and denominator (None: not scored),
    compared exactly on integers."""
    low = high = None
    for value in scores:
        if value is None:
            continue
        if low is None or value[0] * low[1] < low[0] * value[1]:
            low = value
        if high is None or value[0] * high[1] > high[0] * value[1]:
            high = value
    if low is None or high is None:
        return None, None
    return fraction(*low), fraction(*high)
