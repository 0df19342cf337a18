"""Detection rules kept in a file of their own, attached to a questionnaire by question id.

The bundled model keeps its rules beside it (questionnaires/detect/<id>.yaml) so the questions
and the rules can be edited apart; a user's own model may equally write `detect:` inline.
"""

from collections.abc import Iterator

from pydantic import Field

from assess.domain.base import DomainModel
from assess.domain.detection import ID_PATTERN, Rule, Where, choice_id, rule_problems
from assess.domain.questionnaire import CrossFieldErrors, Questionnaire


class Rulebook(DomainModel):
    """A file of detection rules for one questionnaire."""

    questionnaire: str = Field(pattern=ID_PATTERN)
    """Id of the questionnaire the rules belong to."""
    questions: dict[str, list[Rule]]
    """Rules by question id; they are added to the question's own `detect` rules."""


def attach(questionnaire: Questionnaire, book: Rulebook) -> Questionnaire:
    """The questionnaire with the book's rules added; every problem is raised at once."""
    problems = list(_problems(questionnaire, book))
    if problems:
        raise CrossFieldErrors(problems)
    areas = []
    for area in questionnaire.areas:
        dimensions = []
        for dimension in area.dimensions:
            questions = [
                q.model_copy(update={"detect": [*q.detect, *book.questions[q.id]]})
                if q.id in book.questions
                else q
                for q in dimension.questions
            ]
            dimensions.append(dimension.model_copy(update={"questions": questions}))
        areas.append(area.model_copy(update={"dimensions": dimensions}))
    return questionnaire.model_copy(update={"areas": areas})


def _problems(questionnaire: Questionnaire, book: Rulebook) -> Iterator[tuple[Where, str]]:
    if book.questionnaire != questionnaire.id:
        yield (
            ("questionnaire",),
            f"the rules are for '{book.questionnaire}', not '{questionnaire.id}'",
        )
    questions = {q.id: q for _, q in questionnaire.questions()}
    for qid, rules in book.questions.items():
        question = questions.get(qid)
        if question is None:
            yield ("questions", qid), f"no question with id '{qid}' in '{questionnaire.id}'"
            continue
        ids = [choice_id(choice) for choice in question.choices]
        yield from rule_problems(rules, ids, ("questions", qid))
