"""What an answer means under the model it is read with.

An answer records its choice's id and, as answered, the choice's text and level (or points).
Read against a model, it is one of:
- "chosen": the choice is still there, with the same text and level or points;
- "changed": the model changed under the answer (the choice is gone, or its text, level or
  points differ, or a format-1 position could not be matched); the answer is kept as given,
  flagged, and left out of every score until someone confirms or changes it;
- "not-applicable", "dont-know", or "unanswered".
Nothing is ever re-mapped silently.
"""

import hashlib
import json
from typing import Any, Literal, NamedTuple

from assess.domain.assessment import (
    NO_ANSWER,
    Answer,
    Assessment,
    mismatch_warning,
    questionnaire_hash,
)
from assess.domain.questionnaire import Choice, Question, Questionnaire

State = Literal["unanswered", "chosen", "not-applicable", "dont-know", "changed"]


class Resolved(NamedTuple):
    """An answer read against the current model."""

    state: State
    choice: Choice | None = None
    """The model's choice, for 'chosen' answers."""
    confirmed: bool = True
    """False for an answer carried over and not yet confirmed."""
    reason: str = ""
    """For 'changed' answers: what changed, in words."""


UNANSWERED = Resolved("unanswered")


def resolve(question: Question, answer: Answer) -> Resolved:
    if answer is NO_ANSWER or not answer.is_answered:
        return UNANSWERED
    confirmed = answer.confirmed
    if answer.skip == "dont-know":
        return Resolved("dont-know", confirmed=confirmed)
    if answer.skip == "not-applicable":
        if question.allow_not_applicable:
            return Resolved("not-applicable", confirmed=confirmed)
        return Resolved("changed", reason="'not applicable' is no longer allowed here")
    if answer.position is not None:
        return Resolved(
            "changed",
            reason=f"answered as choice {answer.position} of an earlier version of the model",
        )
    choice = question.choice(answer.choice or "")
    if choice is None:
        return Resolved(
            "changed", reason=f"the choice '{answer.text or answer.choice}' was removed"
        )
    # Only what was recorded is compared: a hand-written answer may name just the choice id.
    if answer.text and choice.text != answer.text:
        return Resolved(
            "changed", choice, reason=f"the choice read '{answer.text}', now '{choice.text}'"
        )
    if (answer.level is not None and answer.level != choice.level) or (
        answer.points is not None and answer.points != choice.points
    ):
        was = _worth(answer.level, answer.points)
        now = _worth(choice.level, choice.points)
        return Resolved("changed", choice, reason=f"the choice was {was}, now {now}")
    return Resolved("chosen", choice, confirmed=confirmed)


def _worth(level: int | None, points: float | None) -> str:
    if points is not None:
        return f"{points:g} points"
    return f"level {level}" if level is not None else "unscored"


def answer_for(question: Question, choice: Choice, keep: Answer = NO_ANSWER) -> Answer:
    """The answer choosing `choice`, keeping the note and evidence of `keep`; confirmed."""
    if choice not in question.choices:
        raise ValueError(f"'{choice.id}' is not a choice of question '{question.id}'")
    return keep.model_copy(
        update={
            "choice": choice.id,
            "text": choice.text,
            "level": choice.level,
            "points": choice.points,
            "position": None,
            "skip": None,
            "confirmed": True,
            "source": "",
        }
    )


def confirm(answer: Answer) -> Answer:
    """The same answer, confirmed by a person."""
    return answer.model_copy(update={"confirmed": True, "source": ""})


def upgrade(assessment: Assessment, questionnaire: Questionnaire) -> tuple[Assessment, bool]:
    """Map the choice positions of a format-1 file to choice ids, once.

    Positions are mapped only when the model is exactly the one the answers were given on (its
    content hash as recorded, computed the format-1 way); otherwise they stay positions and
    resolve as 'changed'. Returns the assessment and whether every position was mapped."""
    if not any(a.position is not None for a in assessment.answers.values()):
        return assessment, True
    if assessment.questionnaire_hash != legacy_hash(questionnaire):
        return assessment, False
    questions = {question.id: question for _, question in questionnaire.questions()}
    answers = dict(assessment.answers)
    for qid, answer in assessment.answers.items():
        question = questions.get(qid)
        if answer.position is None or question is None:
            continue
        if answer.position <= len(question.choices):
            mapped = answer_for(question, question.choices[answer.position - 1], answer)
            answers[qid] = mapped.model_copy(
                update={"source": answer.source, "confirmed": answer.confirmed}
            )
    upgraded = assessment.model_copy(
        update={"answers": answers, "questionnaire_hash": questionnaire_hash(questionnaire)}
    )
    return upgraded, all(a.position is None for a in answers.values())


def read_against(
    assessment: Assessment, questionnaire: Questionnaire
) -> tuple[Assessment, str | None]:
    """The assessment ready to score and edit on this model, with a warning to show if any."""
    upgraded, mapped = upgrade(assessment, questionnaire)
    warnings = [mismatch_warning(upgraded, questionnaire)]
    if not mapped:
        warnings.append(
            "this file stores answers by choice position and the model is no longer the one "
            "they were given on; those answers are kept, flagged and not scored until confirmed"
        )
    shown = [w for w in warnings if w]
    return upgraded, "\n".join(shown) if shown else None


# The fields a questionnaire had when format 1 was written: its content hash covered these.
_V1_FIELDS: dict[str, set[str]] = {
    "questionnaire": {"id", "title", "version", "description", "references", "levels"}
    | {"scoring", "areas"},
    "reference": {"title", "url"},
    "level": {"level", "name", "description"},
    "area": {"id", "title", "description", "dimensions"},
    "dimension": {"id", "title", "description", "weight", "target", "levels"}
    | {"recommendations", "questions"},
    "question": {"id", "text", "help", "evidence", "weight", "allow_not_applicable", "dora"}
    | {"choices"},
    "choice": {"text", "level", "points", "dora_value"},
}
_V1_CHILDREN = {
    ("questionnaire", "references"): "reference",
    ("questionnaire", "levels"): "level",
    ("questionnaire", "areas"): "area",
    ("area", "dimensions"): "dimension",
    ("dimension", "questions"): "question",
    ("question", "choices"): "choice",
}


def _v1_view(data: dict[str, Any], kind: str) -> dict[str, Any]:
    view = {}
    for key, value in data.items():
        if key in _V1_FIELDS[kind]:
            child = _V1_CHILDREN.get((kind, key))
            view[key] = [_v1_view(item, child) for item in value] if child else value
    return view


def legacy_hash(questionnaire: Questionnaire) -> str:
    """The content hash as format 1 computed it, over the fields the model had then."""
    view = _v1_view(questionnaire.model_dump(mode="json"), "questionnaire")
    canonical = json.dumps(view, sort_keys=True)
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:16]
