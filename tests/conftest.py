import os
import tempfile
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pytest

from assess.domain.answers import answer_for
from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.questionnaire import Questionnaire
from assess.files.questionnaires import load_questionnaire

# Parsed models are cached in a folder of the test run's own (also for the commands that tests
# run as subprocesses), never in the user's cache.
os.environ["ASSESS_CACHE"] = tempfile.mkdtemp(prefix="assess-test-cache-")

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 20)


def pick_in(questionnaire: Questionnaire, question_id: str, n: int, **fields: object) -> Answer:
    """The answer choosing the n-th choice (from 1) of a question, as a person would."""
    question = next(q for _, q in questionnaire.questions() if q.id == question_id)
    return answer_for(question, question.choices[n - 1]).model_copy(update=fields)


def pick(question_id: str, n: int, **fields: object) -> Answer:
    """pick_in on tests/data/tiny.yaml."""
    return pick_in(_tiny(), question_id, n, **fields)


def by_position(questionnaire: Questionnaire, answers: dict[str, Answer]) -> dict[str, Answer]:
    """Answers written as Answer(position=n) turned into the n-th choice of their question, as
    chosen on screen; a position past the last choice stays as it is (an unmatched answer)."""
    questions = {q.id: q for _, q in questionnaire.questions()}
    result = {}
    for qid, answer in answers.items():
        question = questions.get(qid)
        if answer.position is not None and question and answer.position <= len(question.choices):
            chosen = answer_for(question, question.choices[answer.position - 1], answer)
            answer = chosen.model_copy(update={"source": answer.source})
        result[qid] = answer
    return result


@cache
def _tiny() -> Questionnaire:
    return load_questionnaire(DATA / "tiny.yaml")


@pytest.fixture(scope="session")
def tiny() -> Questionnaire:
    return load_questionnaire(DATA / "tiny.yaml")


@pytest.fixture
def blank(tiny: Questionnaire) -> Assessment:
    return new_assessment(tiny, "Payments", ["A. Rivera"], TODAY, NOW)
