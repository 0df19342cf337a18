"""What a gap report shows of a team's respondents: who answered, how far apart their own scores
of each dimension are, and the questions they disagree on, as discussion points.

Read only from the team assessment's `consolidation` record (never from respondent files), and
names only as the record gives them (its labels already number anyone who may not be named).
"""

from dataclasses import dataclass
from fractions import Fraction

from assess.domain.assessment import Agreed, Assessment, Consolidation, QuestionSpread
from assess.domain.consensus import DONT_KNOW, NOT_APPLICABLE, UNANSWERED
from assess.domain.numbers import Number, points_text, shown
from assess.domain.questionnaire import Question, Questionnaire

DISTRIBUTION_WIDTH = 90.0
"""Width of a distribution bar for all respondents, in SVG user units."""


@dataclass(frozen=True)
class ChoiceCount:
    text: str
    worth: str
    """'level 3' or '0.5 points'."""
    count: int
    width: float
    """Bar length: count over the respondents, times DISTRIBUTION_WIDTH."""


@dataclass(frozen=True)
class DisagreementView:
    number: int
    """The discussion point's number."""
    question_id: str
    dimension: str
    anchor: str
    question_number: str
    """As in the dimension's answers table, e.g. '3.2'."""
    question: str
    range: str
    """'levels 1 to 5' (ml-test-score: '0 to 1 points')."""
    choices: list[ChoiceCount]
    others: str
    """Respondents counted apart: '1 don't know, 1 not applicable', or ''."""
    answer: str
    """The team's answer as recorded."""
    answer_source: str
    """'lower median of 5 respondents' or 'agreed by the team'."""
    agreed_note: str
    reopened: bool
    """Agreed before the respondents' answers changed: to settle again."""


@dataclass(frozen=True)
class ConsensusView:
    respondents: int
    who: str
    """The labels as the record gives them, joined."""
    named: bool
    consolidated_on: str
    agreement: str
    """'83% of 36 questions without disagreement'."""
    flagged: int
    disagreements: list[DisagreementView]
    agreed: int
    """Questions with an agreed answer."""
    reopened: int


@dataclass(frozen=True)
class DimensionSpreadView:
    low: Fraction | None
    high: Fraction | None
    range: str
    """'2.0 to 3.5' (the respondents' own scores, shown cut down like every score), or ''."""
    short: str
    """The same as '2.0–3.5', beside a bar."""
    agreement: str
    """'2 of 3 questions agreed', or ''."""
    flagged: int


def percent(share: Fraction) -> str:
    """A share as a whole percentage, cut down (83.9% reads 83%): agreement never flatters."""
    return f"{int(share * 100)}%"


def _range_text(low: Number | None, high: Number | None) -> str:
    if low is None or high is None:
        return ""
    return f"{shown(low)} to {shown(high)}"


def dimension_spreads(
    questionnaire: Questionnaire, record: Consolidation
) -> dict[str, DimensionSpreadView]:
    views = {}
    for _, dimension in questionnaire.dimensions():
        spread = record.dimensions.get(dimension.id)
        if spread is None:
            continue
        agreement = ""
        if spread.questions:
            agreed = spread.questions - spread.flagged
            agreement = f"{agreed} of {spread.questions} question" + (
                "s" if spread.questions != 1 else ""
            )
            agreement += " without disagreement"
        views[dimension.id] = DimensionSpreadView(
            low=None if spread.low is None else Fraction(spread.low),
            high=None if spread.high is None else Fraction(spread.high),
            range=_range_text(spread.low, spread.high),
            short=_range_text(spread.low, spread.high).replace(" to ", "–"),
            agreement=agreement,
            flagged=spread.flagged,
        )
    return views


def _worth(questionnaire: Questionnaire, value: Number | None) -> str:
    if value is None:
        return ""
    if questionnaire.scoring == "ml-test-score":
        return f"{points_text(value)} point" + ("" if value == 1 else "s")
    return f"level {points_text(value)}"


def _question_range(questionnaire: Questionnaire, spread: QuestionSpread) -> str:
    if spread.low is None or spread.high is None:
        return ""
    if questionnaire.scoring == "ml-test-score":
        return f"{points_text(spread.low)} to {points_text(spread.high)} points"
    return f"levels {points_text(spread.low)} to {points_text(spread.high)}"


def _others(distribution: dict[str, int]) -> str:
    parts = []
    for key, words in (
        (DONT_KNOW, "don't know"),
        (NOT_APPLICABLE, "not applicable"),
        (UNANSWERED, "unanswered"),
    ):
        if distribution.get(key):
            parts.append(f"{distribution[key]} {words}")
    return ", ".join(parts)


def _answer_text(question: Question, assessment: Assessment) -> str:
    answer = assessment.answer(question.id)
    if answer.skip == "dont-know":
        return "Don't know"
    if answer.skip == "not-applicable":
        return "Not applicable"
    choice = next((c for c in question.choices if c.id == answer.choice), None)
    if choice is not None:
        return choice.text
    return answer.text or "No answer"


def _disagreement(
    questionnaire: Questionnaire,
    assessment: Assessment,
    number: int,
    numbering: dict[str, tuple[str, str, str]],
    question: Question,
    spread: QuestionSpread,
    agreed: Agreed | None,
    respondents: int,
) -> DisagreementView:
    dimension, anchor, question_number = numbering[question.id]
    total = max(respondents, sum(spread.distribution.values()), 1)
    choices = [
        ChoiceCount(
            text=c.text,
            worth=_worth(
                questionnaire, c.points if questionnaire.scoring == "ml-test-score" else c.level
            ),
            count=spread.distribution.get(c.id, 0),
            width=round(DISTRIBUTION_WIDTH * spread.distribution.get(c.id, 0) / total, 1),
        )
        for c in question.choices
    ]
    source = assessment.answer(question.id).source
    return DisagreementView(
        number=number,
        question_id=question.id,
        dimension=dimension,
        anchor=anchor,
        question_number=question_number,
        question=question.text,
        range=_question_range(questionnaire, spread),
        choices=choices,
        others=_others(spread.distribution),
        answer=_answer_text(question, assessment),
        answer_source=source,
        agreed_note=agreed.note if agreed is not None else "",
        reopened=agreed is not None and agreed.distribution != spread.distribution,
    )


def consensus_view(questionnaire: Questionnaire, assessment: Assessment) -> ConsensusView | None:
    """The respondents' part of the gap report; None for a team without respondents."""
    record = assessment.consolidation
    if record is None:
        return None
    numbering: dict[str, tuple[str, str, str]] = {}
    order: dict[str, int] = {}
    for number, (_, dimension) in enumerate(questionnaire.dimensions(), start=1):
        for i, question in enumerate(dimension.questions, start=1):
            numbering[question.id] = (dimension.title, f"dim-{dimension.id}", f"{number}.{i}")
            order[question.id] = len(order)
    questions = {q.id: q for _, q in questionnaire.questions()}
    flagged = [
        (qid, spread)
        for qid, spread in record.questions.items()
        if spread.flagged and qid in questions
    ]
    # Widest range first; ties in the model's order.
    flagged.sort(key=lambda item: (-_width(item[1]), order[item[0]]))
    respondents = len(record.respondents)
    disagreements = [
        _disagreement(
            questionnaire,
            assessment,
            n,
            numbering,
            questions[qid],
            spread,
            record.agreed.get(qid),
            respondents,
        )
        for n, (qid, spread) in enumerate(flagged, start=1)
    ]
    counted = sum(d.questions for d in record.dimensions.values())
    disagreeing = sum(d.flagged for d in record.dimensions.values())
    agreement = "no question with a counted answer"
    if counted:
        share = Fraction(counted - disagreeing, counted)
        agreement = f"{percent(share)} of {counted} questions without disagreement"
    return ConsensusView(
        respondents=respondents,
        who=", ".join(record.respondents),
        named=record.named,
        consolidated_on=record.consolidated.date().isoformat(),
        agreement=agreement,
        flagged=len(disagreements),
        disagreements=disagreements,
        agreed=len(record.agreed),
        reopened=sum(1 for d in disagreements if d.reopened),
    )


def _width(spread: QuestionSpread) -> Fraction:
    if spread.low is None or spread.high is None:
        return Fraction(0)
    return Fraction(spread.high) - Fraction(spread.low)
