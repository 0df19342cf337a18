"""Exact arithmetic, any ladder, and the ML Test Score as a lower bound, checked by hand."""

from fractions import Fraction
from typing import Any

import pytest
from pydantic import ValidationError

from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.numbers import shown
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import score
from assess.files.questionnaires import load_questionnaire
from tests.conftest import DATA, NOW, TODAY, pick_in


def filled(model: Questionnaire, **choices: int) -> Assessment:
    assessment = new_assessment(model, "Team", [], TODAY, NOW)
    for name, n in choices.items():
        question_id = name.replace("_", "-")
        assessment = assessment.with_answer(question_id, pick_in(model, question_id, n), NOW)
    return assessment


def test_decimal_weights_are_exact() -> None:
    # bee (weight 0.6, target 4): level 3 -> gap 1, priority 1 x 0.6 = 3/5.
    # ay (weight 0.3, target 5): (0.1 x 1 + 0.2 x 4) / 0.3 = 3 exactly -> gap 2, priority 3/5.
    # cee (weight 0.1, target 3): the same answers give exactly 3 -> at target, no gap.
    # Overall: (0.6 x 3 + 0.3 x 3 + 0.1 x 3) / 1.0 = 3.
    model = load_questionnaire(DATA / "decimal-weights.yaml")
    card = score(model, filled(model, bee_1=2, ay_1=1, ay_2=2, cee_1=1, cee_2=2))
    bee, ay, cee = card.dimensions
    assert (ay.score, ay.gap, ay.priority) == (3, 2, Fraction(3, 5))
    assert (bee.priority, cee.gap, cee.priority) == (Fraction(3, 5), 0, 0)
    # Equal priorities keep the model's order; a dimension at its target is no gap.
    assert [d.dimension for d in card.gaps] == ["bee", "ay"]
    assert card.score == 3 and card.level == 3


@pytest.mark.parametrize(("name", "top"), [("three-levels", 3), ("four-levels", 4)])
def test_weighted_mean_on_shorter_ladders(name: str, top: int) -> None:
    model = load_questionnaire(DATA / f"{name}.yaml")
    # review: "Half" (2, weight 1) and "Yes" (3, weight 2): (2 + 6) / 3 = 8/3, level 2.
    # release: "A script" (2): at its target 2.
    card = score(model, filled(model, review_share=2, review_block=2, release_how=2))
    review, release = card.dimensions
    assert (review.score, review.level, review.target) == (Fraction(8, 3), 2, 3)
    assert review.gap == Fraction(1, 3) and shown(review.gap) == "0.3"
    assert (release.score, release.gap) == (2, 0)
    # Overall (8/3 + 2) / 2 = 7/3, level 2; nothing above the ladder's top ever appears.
    assert (card.score, card.level) == (Fraction(7, 3), 2)
    best = score(model, filled(model, review_share=3, review_block=2, release_how=3))
    assert {d.level for d in best.dimensions} <= set(range(1, top + 1))


def test_a_target_above_a_short_ladder_is_clamped(tiny: Questionnaire) -> None:
    model = load_questionnaire(DATA / "three-levels.yaml")
    a = filled(model, release_how=1).with_target("release", 5, NOW)
    assert score(model, a).dimension("release").target == 3


def test_ml_test_score_refuses_a_ladder_it_cannot_map() -> None:
    data = _mlts(["a", "b"], points=1).model_dump()
    data["levels"] = data["levels"][:3]
    for _, dimension in enumerate(data["areas"][0]["dimensions"]):
        dimension["levels"] = {1: "a", 2: "b", 3: "c"}
        dimension["recommendations"] = {1: "a", 2: "b"}
    with pytest.raises(ValidationError, match="ladder of 5 levels; this model has 3"):
        Questionnaire.model_validate(data)


def _mlts(sections: list[str], points: int = 2) -> Questionnaire:
    """A five-level ML Test Score model: each section has `points` tests of 0 / 0.5 / 1."""

    def section(sid: str) -> dict[str, Any]:
        return {
            "id": sid,
            "title": sid.title(),
            "levels": {n: f"level {n}" for n in range(1, 6)},
            "recommendations": {n: f"up from {n}" for n in range(1, 5)},
            "questions": [
                {
                    "id": f"{sid}-{i}",
                    "text": f"Test {sid} {i}?",
                    "allow_not_applicable": True,
                    "choices": [
                        {"text": "Not done", "points": 0},
                        {"text": "By hand", "points": 0.5},
                        {"text": "Automated", "points": 1},
                    ],
                }
                for i in range(1, points + 1)
            ],
        }

    return Questionnaire.model_validate(
        {
            "id": "m",
            "title": "M",
            "version": "1",
            "scoring": "ml-test-score",
            "levels": [{"level": n, "name": f"L{n}", "description": "d"} for n in range(1, 6)],
            "areas": [{"id": "all", "title": "All", "dimensions": [section(s) for s in sections]}],
        }
    )


def test_an_unanswered_section_scores_zero_and_the_result_is_provisional() -> None:
    # Three sections automated (2 points each), monitoring unanswered: before, the minimum
    # skipped monitoring and read 2 "Reasonably tested"; now it is 0, a proven lower bound.
    model = _mlts(["data", "model", "infra", "mon"])
    full = {f"{s}_{i}": 3 for s in ("data", "model", "infra") for i in (1, 2)}
    card = score(model, filled(model, **full))
    result = card.ml_test_score
    assert result is not None
    assert result.sections == {"data": 2, "model": 2, "infra": 2, "mon": 0}
    assert (result.final, card.level, result.provisional) == (0, 1, True)
    assert result.band.startswith("More a research project")
    assert result.open_tests == {"mon": ["mon-1", "mon-2"]}
    # One answer in monitoring is no worse than none: the bound only rises as tests are answered.
    more = score(model, filled(model, **full, mon_1=3)).ml_test_score
    assert more is not None and (more.final, more.provisional) == (1, True)


def test_partial_sections_count_unanswered_tests_as_zero() -> None:
    model = _mlts(["data", "model"], points=3)
    card = score(model, filled(model, data_1=3, data_2=2, model_1=3, model_2=3, model_3=3))
    result = card.ml_test_score
    assert result is not None
    # data: 1 + 0.5 + (unanswered) 0 = 1.5; model: 3. Final 1.5, "a first pass", level 3.
    assert (result.sections, result.final) == ({"data": Fraction(3, 2), "model": 3}, 1.5)
    assert (card.level, result.provisional, result.open_tests) == (3, True, {"data": ["data-3"]})
    data = card.dimension("data")
    assert (data.points, data.level, data.score, data.unanswered) == (1.5, 3, 3, 1)


def test_a_section_all_not_applicable_is_left_out_not_zero() -> None:
    model = _mlts(["data", "serving"])
    na = Answer(skip="not-applicable")
    a = filled(model, data_1=3, data_2=3)
    a = a.with_answer("serving-1", na, NOW).with_answer("serving-2", na, NOW)
    card = score(model, a)
    assert card.ml_test_score is not None
    assert card.ml_test_score.sections == {"data": 2}
    assert (card.ml_test_score.final, card.ml_test_score.provisional) == (2, False)
    assert card.dimension("serving").points is None


@pytest.mark.parametrize(
    ("answers", "final", "level"),
    [
        ({}, 0, 1),  # band edge 0: research project
        ({"a_1": 2, "a_2": 2}, 1, 2),  # edge 1
        ({"a_1": 3, "a_2": 3}, 2, 3),  # edge 2
    ],
)
def test_band_edges_with_one_section(answers: dict[str, int], final: int, level: int) -> None:
    model = _mlts(["a"])
    card = score(model, filled(model, **answers))
    assert card.ml_test_score is not None
    assert (card.ml_test_score.final, card.level) == (final, level)


@pytest.mark.parametrize(("automated", "level"), [(3, 3), (5, 4), (6, 5)])
def test_band_edges_three_and_five(automated: int, level: int) -> None:
    model = _mlts(["a"], points=6)
    answers = {f"a_{i}": 3 for i in range(1, automated + 1)}
    answers |= {f"a_{i}": 1 for i in range(automated + 1, 7)}
    card = score(model, filled(model, **answers))
    assert card.ml_test_score is not None
    assert (card.ml_test_score.final, card.level) == (automated, level)
    assert not card.ml_test_score.provisional


@pytest.mark.parametrize(
    "score", [Fraction(296, 100), Fraction(13, 6), Fraction(3), Fraction(1, 3)]
)
def test_a_shown_gap_is_the_target_minus_the_shown_score(score: Fraction) -> None:
    # 2.96 against target 3 shows as 2.9 and a gap of 0.1, never as 3.0 with a gap of 0.0.
    target = 3
    assert Fraction(shown(target - score, up=True)) == target - Fraction(shown(score))
