"""Reading an assessment made on an earlier version of a model through the model's mapping.

The current model's `replaces` names, for each question of the earlier version, the question
that asks the same in this one (or 'dropped'). An answer is carried only when it keeps its
meaning: a skip that is still allowed, or a choice whose text and level are the same in the new
question. Every other mapped answer is carried as given and reads as changed until a person
confirms or changes it; nothing is re-mapped silently.
"""

from dataclasses import dataclass

from assess.domain.answers import answer_for, resolve, upgrade
from assess.domain.assessment import Answer, Assessment
from assess.domain.questionnaire import DROPPED, Question, Questionnaire


@dataclass(frozen=True)
class Translated:
    """An earlier assessment re-keyed onto the current model."""

    assessment: Assessment
    """The same assessment with answers under the current model's question ids."""
    changed: list[str]
    """Current question ids whose earlier answer no longer fits (choice changed or gone): carried
    as given, so that they show as changed and count in no score until confirmed."""


def _carry(answer: Answer, old: Question, new: Question) -> tuple[Answer, bool]:
    """The answer under the new question, and whether it kept its meaning. One that did not is
    carried as given (its old text and level), so that it reads as changed until confirmed."""
    if answer.skip == "dont-know" or (answer.skip == "not-applicable" and new.allow_not_applicable):
        return answer, True
    resolved = resolve(old, answer)
    was = resolved.choice if resolved.state == "chosen" else None
    if was is not None:
        for choice in new.choices:
            if (choice.text, choice.level, choice.points) == (was.text, was.level, was.points):
                mapped = answer_for(new, choice, answer)
                return mapped.model_copy(
                    update={"source": answer.source, "confirmed": answer.confirmed}
                ), True
    return answer, False


def translate(previous: Assessment, old: Questionnaire, new: Questionnaire) -> Translated | None:
    """`previous` (answered on `old`) with its answers under `new`'s ids; None when `new` has no
    mapping from `old`'s version. Scoping and targets carry over for ids `new` still has."""
    if previous.questionnaire_version == new.version:
        return Translated(previous, [])
    mapping = new.mapping_from(old.version)
    if mapping is None or old.id != new.id:
        return None
    previous = upgrade(previous, old)[0]
    old_questions = {q.id: q for _, q in old.questions()}
    new_questions = {q.id: q for _, q in new.questions()}
    answers: dict[str, Answer] = {}
    changed: list[str] = []
    for old_id, answer in previous.answers.items():
        target = mapping.questions.get(old_id, DROPPED)
        if target == DROPPED or not answer.is_answered or old_id not in old_questions:
            continue
        carried, kept = _carry(answer, old_questions[old_id], new_questions[target])
        answers[target] = carried
        if not kept:
            changed.append(target)
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
