"""Several respondents' answers to one model consolidated into the team's answer.

Per question, each respondent's answer is read against the model (see domain.answers):
a choice counts at its level (ml-test-score models: its points), "don't know" counts at the
lowest level (0 points), as scoring counts it; "not applicable", unanswered and changed answers
are counted apart and take no part in the median. The consolidated answer is the answer at the
lower median, so that disagreement never flatters the team. A facilitator's agreed answer
replaces it and keeps the distribution it settled.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from typing import Final

from assess.domain.answers import answer_for, resolve
from assess.domain.assessment import (
    Agreed,
    Answer,
    Assessment,
    Consolidation,
    DimensionSpread,
    QuestionSpread,
    new_assessment,
)
from assess.domain.base import DomainModel
from assess.domain.numbers import Exact, exact
from assess.domain.questionnaire import Choice, Question, Questionnaire
from assess.domain.scoring import Scorecard, score

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
        return QuestionSpread(
            distribution=self.distribution,
            counted=self.counted,
            low=self.low,
            high=self.high,
            iqr=self.iqr,
            flagged=self.flagged,
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
                d.dimension: DimensionSpread(
                    low=d.low,
                    high=d.high,
                    questions=d.questions,
                    flagged=d.flagged,
                    agreement=d.agreement,
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


@dataclass(frozen=True)
class _Counted:
    worth: Fraction
    choice: Choice | None
    """The choice answered; None for don't know."""
    rank: int
    """The worth's place among the question's worths (equal worths, equal ranks)."""


def _worths(question: Question, method: str) -> list[Fraction]:
    values = [c.points if method == "ml-test-score" else c.level for c in question.choices]
    return [exact(v) for v in values if v is not None]


def lower_median(values: Sequence[Fraction]) -> Fraction:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def quantile(ordered: Sequence[Fraction], share: Fraction) -> Fraction:
    """The quantile of sorted values, linear between ranks (the 'inclusive' method)."""
    position = (len(ordered) - 1) * share
    below = int(position)
    if below + 1 >= len(ordered):
        return ordered[below]
    return ordered[below] + (ordered[below + 1] - ordered[below]) * (position - below)


@dataclass(frozen=True)
class _Plan:
    """What consolidating one question needs of the model, worked out once per question."""

    by_choice: dict[str, _Counted]
    """Choices with a worth, by id."""
    recorded: dict[str, tuple[str, int | None, float | None]]
    """Each choice's text, level and points, to recognise an answer that still matches it
    without resolving it again (anything else goes through domain.answers.resolve)."""
    dont_know: _Counted
    worths: list[Fraction]


_PLANS: dict[int, tuple[Question, _Plan]] = {}


def _plan(question: Question, method: str) -> _Plan:
    """The question's plan; cached by object identity (models are frozen), holding the question
    so that the id cannot be reused while the entry lives."""
    key = id(question)
    cached = _PLANS.get(key)
    if cached is not None and cached[0] is question:
        return cached[1]
    worths = _worths(question, method)
    lowest = min(worths) if worths else Fraction(0)
    unknown = min(lowest, Fraction(0) if method == "ml-test-score" else Fraction(1))
    worth_of = {
        c.id: None
        if (v := c.points if method == "ml-test-score" else c.level) is None
        else exact(v)
        for c in question.choices
    }
    ranks = sorted({w for w in worth_of.values() if w is not None} | {unknown})
    rank_of = {w: n for n, w in enumerate(ranks)}
    plan = _Plan(
        by_choice={
            c.id: _Counted(w, c, rank_of[w])
            for c in question.choices
            if (w := worth_of[c.id]) is not None
        },
        recorded={c.id: (c.text, c.level, c.points) for c in question.choices},
        dont_know=_Counted(unknown, None, rank_of[unknown]),
        worths=worths,
    )
    if len(_PLANS) > 10_000:
        _PLANS.clear()
    _PLANS[key] = (question, plan)
    return plan


def _still_chosen(answer: Answer, recorded: tuple[str, int | None, float | None]) -> bool:
    """Whether a choice answer matches its choice as recorded, as resolve() would find."""
    text, level, points = recorded
    return (
        (not answer.text or answer.text == text)
        and (answer.level is None or answer.level == level)
        and (answer.points is None or answer.points == points)
    )


def _question(
    question: Question, answers: Sequence[Answer], method: str, agreed: Agreed | None
) -> QuestionConsensus:
    plan = _plan(question, method)
    distribution: Counter[str] = Counter()
    counted: list[_Counted] = []
    for answer in answers:
        # The common case, a choice that still reads as answered, is counted directly.
        chosen = answer.choice
        if chosen is not None and answer.skip is None and answer.position is None:
            recorded = plan.recorded.get(chosen)
            if recorded is not None and _still_chosen(answer, recorded):
                distribution[chosen] += 1
                item = plan.by_choice.get(chosen)
                if item is not None:
                    counted.append(item)
                continue
        resolved = resolve(question, answer)
        if resolved.state == "chosen" and resolved.choice is not None:
            distribution[resolved.choice.id] += 1
            item = plan.by_choice.get(resolved.choice.id)
            if item is not None:
                counted.append(item)
        elif resolved.state == "dont-know":
            distribution[DONT_KNOW] += 1
            counted.append(plan.dont_know)
        elif resolved.state == "not-applicable":
            distribution[NOT_APPLICABLE] += 1
        else:
            distribution[UNANSWERED] += 1
    if not counted:
        return QuestionConsensus.model_construct(
            question=question.id,
            distribution=dict(distribution),
            counted=0,
            median=None,
            agreed=agreed,
        )
    # Don't know sorts before a choice of the same worth: it is the weaker statement. The rank
    # orders exactly as the worths do, without comparing fractions for every respondent.
    counted.sort(key=lambda c: (c.rank, c.choice is not None))
    middle = counted[(len(counted) - 1) // 2].choice
    median = Answer(skip="dont-know") if middle is None else answer_for(question, middle)
    ordered = [c.worth for c in counted]
    low, high = ordered[0], ordered[-1]
    iqr = quantile(ordered, Fraction(3, 4)) - quantile(ordered, Fraction(1, 4))
    worths = plan.worths
    if method == "ml-test-score":
        flagged = bool(worths) and high - low >= max(worths) - min(worths) > 0
    else:
        flagged = high - low >= WIDE_RANGE
    # Every value here is built above from the validated model; validating again costs more
    # than the rest of the question's consolidation.
    return QuestionConsensus.model_construct(
        question=question.id,
        distribution=dict(distribution),
        counted=len(counted),
        median=median,
        low=low,
        high=high,
        iqr=iqr,
        flagged=flagged,
        agreed=agreed,
    )


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
    method = questionnaire.scoring
    consolidated = new_assessment(questionnaire, team, [], on, now)
    if base is not None:
        consolidated = consolidated.model_copy(
            update={"targets": dict(base.targets), "scoped_out": dict(base.scoped_out)}
        )
    answers: dict[str, Answer] = {}
    questions: list[QuestionConsensus] = []
    dimensions: list[DimensionConsensus] = []
    # Each respondent's own dimension scores, looked up by id (a scorecard lists them in order).
    own = [{d.dimension: d.score for d in score(questionnaire, r).dimensions} for r in respondents]
    for area in questionnaire.areas:
        for dimension in area.dimensions:
            mine: list[QuestionConsensus] = []
            for question in dimension.questions:
                given = [r.answer(question.id) for r in respondents]
                result = _question(question, given, method, agreed.get(question.id))
                mine.append(result)
                if result.answer is not None:
                    source = (
                        "agreed by the team"
                        if result.agreed is not None
                        else f"lower median of {len(respondents)} respondents"
                    )
                    answers[question.id] = result.answer.model_copy(update={"source": source})
            with_answers = [q for q in mine if q.counted > 0]
            flagged = sum(q.flagged for q in with_answers)
            scores = [s for card in own if (s := card.get(dimension.id)) is not None]
            dimensions.append(
                DimensionConsensus(
                    dimension=dimension.id,
                    low=min(scores) if scores else None,
                    high=max(scores) if scores else None,
                    questions=len(with_answers),
                    flagged=flagged,
                    agreement=(
                        Fraction(len(with_answers) - flagged, len(with_answers))
                        if with_answers
                        else None
                    ),
                )
            )
            questions.extend(mine)
    consolidated = consolidated.model_copy(update={"answers": answers})
    return Consensus(
        respondents=len(respondents),
        questions=questions,
        dimensions=dimensions,
        assessment=consolidated,
        scorecard=score(questionnaire, consolidated),
    )
