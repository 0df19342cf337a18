"""Where an assessment's answers and its scan findings meet: agreement, claims to check.

A finding suggests a choice; the team's answer stands. When they differ the difference is a point
for discussion, never a correction: the files may be incomplete, the team may know better.
"""

from typing import Literal

from assess.domain.assessment import Answer, Assessment
from assess.domain.base import DomainModel
from assess.domain.detection import choice_id
from assess.domain.evidence import Finding
from assess.domain.questionnaire import Question, Questionnaire

SCAN_SOURCE = "scan"
"""The source recorded on an answer taken from a scan's suggestion."""

Kind = Literal["contradicted", "declined"]


class Claim(DomainModel):
    """An answer the scan's evidence does not support, to talk through with the team."""

    question: str
    """The question's id."""
    kind: Kind
    """'contradicted': the answer claims more than the files suggest; 'declined': the team chose
    another answer than the suggested one, or skipped the question despite a suggestion."""
    answered: str
    """The answer given, as text ('Don't know' and 'Not applicable' included)."""
    suggested: str
    """The suggested choice's text."""
    findings: list[Finding]
    """The findings behind the suggestion."""


def answered_choice(question: Question, answer: Answer) -> str | None:
    """The id of the choice an answer names, or None when it names none the model has."""
    chosen: object = answer.choice
    if isinstance(chosen, str):
        return chosen if chosen in {choice_id(c) for c in question.choices} else None
    if isinstance(chosen, int) and 1 <= chosen <= len(question.choices):
        return choice_id(question.choices[chosen - 1])
    return None


def suggestion(findings: list[Finding]) -> str | None:
    """The choice the findings suggest together, or None when none or several are suggested."""
    suggested = {f.suggests for f in findings if f.suggests is not None}
    return suggested.pop() if len(suggested) == 1 else None


def claims_to_check(questionnaire: Questionnaire, assessment: Assessment) -> list[Claim]:
    """Every answer the files contradict and every suggestion the team declined, in model order."""
    claims = []
    for _, question in questionnaire.questions():
        claim = claim_for(question, assessment)
        if claim is not None:
            claims.append(claim)
    return claims


def claim_for(question: Question, assessment: Assessment) -> Claim | None:
    """The claim to check about one question's answer, or None when the files bear it out (or
    nothing was suggested, or the question is unanswered)."""
    findings = assessment.evidence_found.get(question.id, [])
    suggested = suggestion(findings)
    answer = assessment.answer(question.id)
    if suggested is None or not answer.is_answered:
        return None
    ids = [choice_id(c) for c in question.choices]
    if suggested not in ids:
        return None  # the model changed since the scan
    chosen = answered_choice(question, answer)
    if chosen == suggested:
        return None
    kind: Kind = "declined"
    if chosen is not None and ids.index(chosen) > ids.index(suggested):
        kind = "contradicted"
    return Claim(
        question=question.id,
        kind=kind,
        answered=_answer_text(question, answer, chosen),
        suggested=question.choices[ids.index(suggested)].text,
        findings=[f for f in findings if f.suggests == suggested],
    )


def backed_by_evidence(questionnaire: Questionnaire, assessment: Assessment) -> int:
    """How many answers have scan evidence and no finding suggesting another choice."""
    count = 0
    for _, question in questionnaire.questions():
        findings = assessment.evidence_found.get(question.id, [])
        chosen = answered_choice(question, assessment.answer(question.id))
        if findings and chosen is not None and all(f.suggests in (None, chosen) for f in findings):
            count += 1
    return count


def _answer_text(question: Question, answer: Answer, chosen: str | None) -> str:
    if answer.skip == "dont-know":
        return "Don't know"
    if answer.skip == "not-applicable":
        return "Not applicable"
    for choice in question.choices:
        if choice_id(choice) == chosen:
            return choice.text
    return "an answer the model no longer has"
