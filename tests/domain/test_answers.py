"""Answers name their choice by id; a model changed under an answer never changes its meaning.

tiny.yaml, question ci-builds: None (level 1), Some (3), All (5); ids derived from the texts.
"""

import json
from pathlib import Path
from typing import Any

from assess.domain.answers import legacy_hash, read_against, resolve, upgrade
from assess.domain.assessment import Answer, Assessment
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import score
from assess.files.assessments import load_assessment, save_assessment
from tests.conftest import DATA, NOW, pick


def tiny_with(tiny: Questionnaire, choices: list[dict[str, Any]]) -> Questionnaire:
    """tiny.yaml with the choices of ci-builds replaced."""
    data = tiny.model_dump()
    data["areas"][0]["dimensions"][0]["questions"][0]["choices"] = choices
    return Questionnaire.model_validate(data)


def ci_builds(model: Questionnaire, answer: Answer) -> tuple[str, str]:
    question = next(q for _, q in model.questions() if q.id == "ci-builds")
    resolved = resolve(question, answer)
    return resolved.state, resolved.choice.text if resolved.choice else ""


def test_choice_ids_are_derived_from_the_text(tiny: Questionnaire) -> None:
    question = next(q for _, q in tiny.questions() if q.id == "ci-builds")
    assert [c.id for c in question.choices] == ["none", "some", "all"]
    answer = pick("ci-builds", 2)
    assert (answer.choice, answer.text, answer.level) == ("some", "Some", 3)


def test_reordering_or_inserting_choices_does_not_move_an_answer(tiny: Questionnaire) -> None:
    answer = pick("ci-builds", 2)  # "Some", level 3
    reordered = tiny_with(
        tiny,
        [
            {"text": "All", "level": 5},
            {"text": "Most", "level": 4},
            {"text": "Some", "level": 3},
            {"text": "None", "level": 1},
        ],
    )
    assert ci_builds(reordered, answer) == ("chosen", "Some")


def test_removed_choice_is_kept_flagged_and_not_scored(tiny: Questionnaire) -> None:
    answer = pick("ci-builds", 2)
    removed = tiny_with(tiny, [{"text": "None", "level": 1}, {"text": "All", "level": 5}])
    assert ci_builds(removed, answer) == ("changed", "")
    question = next(q for _, q in removed.questions() if q.id == "ci-builds")
    assert resolve(question, answer).reason == "the choice 'Some' was removed"


def test_relabelled_or_relevelled_choice_is_flagged(tiny: Questionnaire) -> None:
    answer = pick("ci-builds", 2)
    relabelled = tiny_with(
        tiny,
        [
            {"id": "none", "text": "None", "level": 1},
            {"id": "some", "text": "Up to half", "level": 3},
            {"id": "all", "text": "All", "level": 5},
        ],
    )
    assert ci_builds(relabelled, answer) == ("changed", "Up to half")
    relevelled = tiny_with(
        tiny,
        [{"text": "None", "level": 1}, {"text": "Some", "level": 2}, {"text": "All", "level": 5}],
    )
    question = next(q for _, q in relevelled.questions() if q.id == "ci-builds")
    assert resolve(question, answer).reason == "the choice was level 3, now level 2"


def test_changed_answers_leave_the_score_until_confirmed(
    tiny: Questionnaire, blank: Assessment
) -> None:
    # ci: ci-builds "Some" (3, weight 1) and ci-gate "Yes" (4, weight 3) = 15/4 on tiny.
    a = blank.with_answer("ci-builds", pick("ci-builds", 2), NOW).with_answer(
        "ci-gate", pick("ci-gate", 2), NOW
    )
    assert score(tiny, a).dimension("ci").score == 3.75
    removed = tiny_with(tiny, [{"text": "None", "level": 1}, {"text": "All", "level": 5}])
    ci = score(removed, a).dimension("ci")
    # Only ci-gate counts now: level 4; the flagged answer is not silently re-mapped.
    assert (ci.score, ci.changed, ci.unanswered, ci.complete) == (4, 1, 0, False)
    assert a.answer("ci-builds").text == "Some"  # the answer itself is kept as given


def test_format_1_positions_map_once_against_the_model_they_were_given_on(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    old = load_assessment(DATA / "format1-tiny.json")
    assert old.questionnaire_hash == legacy_hash(tiny)
    upgraded, warning = read_against(old, tiny)
    assert warning is None
    assert upgraded.answer("ci-builds") == pick("ci-builds", 2, note="most repos")
    assert upgraded.answer("tracking-runs").choice == "in-a-tracking-server"
    assert upgraded.answer("tracking-compare").skip == "dont-know"
    path = tmp_path / "a.json"
    save_assessment(upgraded, path)
    saved = json.loads(path.read_text())
    assert saved["format"] == "assess-assessment/2"
    assert saved["answers"]["ci-builds"] == {
        "choice": "some",
        "text": "Some",
        "level": 3,
        "note": "most repos",
    }


def test_format_1_positions_on_a_changed_model_are_flagged_not_guessed(
    tiny: Questionnaire,
) -> None:
    old = load_assessment(DATA / "format1-tiny.json")
    changed = tiny_with(tiny, [{"text": "None", "level": 1}, {"text": "All", "level": 5}])
    upgraded, mapped = upgrade(old, changed)
    assert not mapped
    assert upgraded.answer("ci-builds").position == 2
    assert ci_builds(changed, upgraded.answer("ci-builds"))[0] == "changed"
    _, warning = read_against(old, changed)
    assert warning is not None and "by choice position" in warning
    # ci-gate (position 2 = "Yes", level 4) is flagged too: nothing is scored on a guess.
    ci = score(changed, old).dimension("ci")
    assert (ci.score, ci.changed) == (None, 2)


def test_carried_over_answers_count_as_answered_and_unconfirmed(
    tiny: Questionnaire, blank: Assessment
) -> None:
    from datetime import date

    from assess.domain.assessment import carried_over

    previous = blank.with_answer("ci-builds", pick("ci-builds", 2), NOW).with_answer(
        "ci-gate", pick("ci-gate", 2), NOW
    )
    fresh = carried_over(previous, tiny, date(2027, 2, 20), NOW)
    ci = score(tiny, fresh).dimension("ci")
    assert (ci.answered, ci.unanswered, ci.unconfirmed, ci.complete) == (2, 0, 2, True)
    assert ci.score == 3.75
