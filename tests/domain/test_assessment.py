from datetime import date

import pytest
from pydantic import ValidationError

from assess.domain.assessment import (
    NO_ANSWER,
    Answer,
    Assessment,
    carried_over,
    mismatch_warning,
    questionnaire_hash,
)
from assess.domain.questionnaire import Questionnaire
from tests.conftest import NOW, pick


def test_an_answer_has_a_choice_or_a_skip_not_both() -> None:
    with pytest.raises(ValidationError, match="either a choice or a skip"):
        Answer(choice="none", skip="dont-know")
    assert not Answer(note="to check").is_answered
    assert Answer(skip="not-applicable").is_answered


def test_the_unanswered_answer_is_a_validated_blank_answer() -> None:
    blank = Answer()
    assert blank == NO_ANSWER
    assert NO_ANSWER.model_dump() == blank.model_dump()
    assert NO_ANSWER.model_fields_set == blank.model_fields_set == set()
    assert Answer.model_validate(NO_ANSWER.model_dump()) == NO_ANSWER
    assert NO_ANSWER.model_dump_json() == blank.model_dump_json()


def test_with_answer_returns_a_new_assessment(blank: Assessment) -> None:
    later = blank.with_answer("ci-gate", pick("ci-gate", 2), NOW.replace(hour=11))
    assert blank.answers == {}
    assert later.answer("ci-gate").choice == "yes"
    assert later.updated.hour == 11


def test_carried_over_keeps_known_answers_and_marks_their_source(
    tiny: Questionnaire, blank: Assessment
) -> None:
    previous = (
        blank.with_answer("ci-gate", pick("ci-gate", 2, note="gate on main"), NOW)
        .with_answer("gone-question", Answer(choice="yes", text="Yes", level=4), NOW)
        .with_answer("ci-builds", Answer(note="only a note"), NOW)
        .with_target("ci", 5, NOW)
        .with_status("complete", NOW)
    )
    fresh = carried_over(previous, tiny, date(2027, 2, 20), NOW)
    assert set(fresh.answers) == {"ci-gate"}
    assert fresh.answers["ci-gate"].note == "gate on main"
    assert fresh.answers["ci-gate"].source == "carried over from 2026-11-20"
    assert fresh.answers["ci-gate"].confirmed is False  # answered, but not confirmed yet
    assert fresh.targets == {"ci": 5}
    assert (fresh.status, fresh.date, fresh.team) == ("in-progress", date(2027, 2, 20), "Payments")


def test_a_changed_questionnaire_is_noticed(tiny: Questionnaire, blank: Assessment) -> None:
    assert mismatch_warning(blank, tiny) is None
    changed = tiny.model_copy(update={"version": "2.0"})
    assert questionnaire_hash(changed) != questionnaire_hash(tiny)
    warning = mismatch_warning(blank, changed)
    assert warning is not None
    assert "changed since" in warning
    assert "answers to removed questions are kept" in warning
