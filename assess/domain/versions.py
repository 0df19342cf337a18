"""Reading an assessment made on an earlier version of a model through the model's mapping.

The current model's `replaces` names, for each question of the earlier version, the question
that asks the same in this one (or 'dropped'). An answer is carried only when it keeps its
meaning: a skip that is still allowed, or a choice whose text and level are the same in the new
question. Every other mapped answer is reported as changed and left for a person; nothing is
re-mapped silently.
"""

from dataclasses import dataclass

from assess.domain.assessment import Answer, Assessment
from assess.domain.questionnaire import DROPPED, Question, Questionnaire


@dataclass(frozen=True)
class Translated:
    """An earlier assessment re-keyed onto the current model."""

    assessment: Assessment
    """The same assessment with answers under the current model's question ids."""
    changed: list[str]
    """Current question ids whose earlier answer no longer fits (choice changed or gone)."""


def _carry(answer: Answer, old: Question, new: Question) -> Answer | None:
    if answer.skip == "dont-know" or (answer.skip == "not-applicable" and new.allow_not_applicable):
        return answer
    if answer.choice is None or answer.choice > len(old.choices):
        return None
    was = old.choices[answer.choice - 1]
    for position, choice in enumerate(new.choices, start=1):
        if choice.text == was.text and choice.level == was.level and choice.points == was.points:
            return answer.model_copy(update={"choice": position})
    return None


def translate(previous: Assessment, old: Questionnaire, new: Questionnaire) -> Translated | None:
    """`previous` (answered on `old`) with its answers under `new`'s ids; None when `new` has no
    mapping from `old`'s version. Scoping and targets carry over for ids `new` still has."""
    if previous.questionnaire_version == new.version:
        return Translated(previous, [])
    mapping = new.mapping_from(old.version)
    if mapping is None or old.id != new.id:
        return None
    old_questions = {q.id: q for _, q in old.questions()}
    new_questions = {q.id: q for _, q in new.questions()}
    answers: dict[str, Answer] = {}
    changed: list[str] = []
    for old_id, answer in previous.answers.items():
        target = mapping.questions.get(old_id, DROPPED)
        if target == DROPPED or not answer.is_answered or old_id not in old_questions:
            continue
        carried = _carry(answer, old_questions[old_id], new_questions[target])
        if carried is None:
            changed.append(target)
        else:
            answers[target] = carried
    dimensions = {d.id for _, d in new.dimensions()}
    scopes = set(new.scopeable())
    translated = previous.model_copy(
        update={
            "answers": answers,
            "targets": {k: v for k, v in previous.targets.items() if k in dimensions},
            "scoped_out": {k: v for k, v in previous.scoped_out.items() if k in scopes},
        }
    )
    return Translated(translated, changed)
