"""Scoring against hand-computed examples on tests/data/tiny.yaml.

tiny: dimension ci (weight 2, target 4): ci-builds (weight 1; levels 1, 3, 5) and ci-gate
(weight 3; levels 1, 4). Dimension tracking (weight 1, target 3): tracking-runs (levels 1, 2, 4)
and tracking-compare (levels 1, 5), both allowing 'not applicable'.
"""

from fractions import Fraction
from typing import Any

import pytest

from assess.domain.assessment import Answer, Assessment
from assess.domain.numbers import exact
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import achieved_level, ml_test_band, score
from assess.files.questionnaires import load_questionnaire
from tests.conftest import DATA, NOW, by_position

TINY = load_questionnaire(DATA / "tiny.yaml")


def answered(assessment: Assessment, **answers: Answer) -> Assessment:
    named = {qid.replace("_", "-"): answer for qid, answer in answers.items()}
    for qid, answer in by_position(TINY, named).items():
        assessment = assessment.with_answer(qid, answer, NOW)
    return assessment


def pick(n: int) -> Answer:
    return Answer(position=n)


def test_weighted_mean_by_hand(tiny: Questionnaire, blank: Assessment) -> None:
    a = answered(
        blank, ci_builds=pick(2), ci_gate=pick(2), tracking_runs=pick(2), tracking_compare=pick(1)
    )
    card = score(tiny, a)
    ci, tracking = card.dimensions
    assert ci.score == pytest.approx((3 * 1 + 4 * 3) / 4)  # 3.75
    assert (ci.level, ci.target, ci.gap) == (3, 4, pytest.approx(0.25))
    assert tracking.score == pytest.approx(1.5)
    assert (tracking.level, tracking.gap) == (1, pytest.approx(1.5))
    assert card.score == pytest.approx((3.75 * 2 + 1.5 * 1) / 3)  # 3.0
    assert card.level == 3
    assert [a.score for a in card.areas] == [pytest.approx(3.75), pytest.approx(1.5)]
    # priority = gap x weight: tracking 1.5 x 1 before ci 0.25 x 2
    assert [d.dimension for d in card.gaps] == ["tracking", "ci"]
    assert card.complete


def test_ties_in_priority_keep_the_model_order(tiny: Questionnaire, blank: Assessment) -> None:
    a = answered(
        blank, ci_builds=pick(2), ci_gate=pick(2), tracking_runs=pick(3), tracking_compare=pick(1)
    )
    card = score(tiny, a)
    # ci: 3.75 vs target 4 → 0.25 x 2 = 0.5; tracking: 2.5 vs target 3 → 0.5 x 1 = 0.5
    assert card.dimension("ci").priority == pytest.approx(card.dimension("tracking").priority)
    assert [d.dimension for d in card.gaps] == ["ci", "tracking"]


def test_dont_know_scores_the_lowest_level_and_is_flagged(
    tiny: Questionnaire, blank: Assessment
) -> None:
    a = answered(blank, ci_builds=pick(2), ci_gate=Answer(skip="dont-know"))
    ci = score(tiny, a).dimension("ci")
    assert ci.score == pytest.approx((3 * 1 + 1 * 3) / 4)
    assert (ci.dont_know, ci.answered, ci.unanswered) == (1, 2, 0)


def test_not_applicable_is_left_out(tiny: Questionnaire, blank: Assessment) -> None:
    a = answered(blank, tracking_runs=pick(3), tracking_compare=Answer(skip="not-applicable"))
    tracking = score(tiny, a).dimension("tracking")
    assert tracking.score == pytest.approx(4.0)
    assert (tracking.not_applicable, tracking.answered, tracking.unanswered) == (1, 1, 0)


def test_everything_not_applicable_has_no_score_and_no_gap(
    tiny: Questionnaire, blank: Assessment
) -> None:
    na = Answer(skip="not-applicable")
    a = answered(blank, ci_builds=pick(2), ci_gate=pick(2), tracking_runs=na, tracking_compare=na)
    card = score(tiny, a)
    tracking = card.dimension("tracking")
    assert (tracking.score, tracking.level, tracking.gap) == (None, None, None)
    assert tracking.complete
    assert card.score == pytest.approx(card.dimension("ci").score)  # only ci counts
    assert [d.dimension for d in card.gaps] == ["ci"]


def test_not_applicable_where_not_allowed_is_flagged_not_scored(
    tiny: Questionnaire, blank: Assessment
) -> None:
    a = answered(blank, ci_builds=Answer(skip="not-applicable"), ci_gate=pick(2))
    ci = score(tiny, a).dimension("ci")
    assert (ci.changed, ci.unanswered, ci.score, ci.complete) == (1, 0, 4, False)


def test_missing_answers_make_the_dimension_incomplete_not_zero(
    tiny: Questionnaire, blank: Assessment
) -> None:
    card = score(tiny, answered(blank, ci_builds=pick(2)))
    ci, tracking = card.dimensions
    assert (ci.score, ci.unanswered, ci.complete) == (3.0, 1, False)
    assert (tracking.score, tracking.unanswered, tracking.complete) == (None, 2, False)
    assert card.score == 3.0
    assert not card.complete


def test_nothing_answered(tiny: Questionnaire, blank: Assessment) -> None:
    card = score(tiny, blank)
    assert (card.score, card.level, card.gaps) == (None, None, [])


def test_a_choice_the_model_no_longer_has_is_flagged_not_scored(
    tiny: Questionnaire, blank: Assessment
) -> None:
    gone = Answer(choice="most", text="Most", level=4)
    ci = score(tiny, answered(blank, ci_builds=gone)).dimension("ci")
    assert (ci.changed, ci.unanswered, ci.score, ci.complete) == (1, 1, None, False)


def test_target_override_and_clamp(tiny: Questionnaire, blank: Assessment) -> None:
    a = answered(blank, ci_builds=pick(3), ci_gate=pick(2)).with_target("ci", 5, NOW)
    ci = score(tiny, a).dimension("ci")
    assert (ci.score, ci.target, ci.gap) == (pytest.approx(4.25), 5, pytest.approx(0.75))
    above = score(tiny, a.with_target("ci", 2, NOW)).dimension("ci")
    assert above.gap == pytest.approx(-2.25)
    assert above.priority == 0


def test_achieved_level_rounds_down_exactly() -> None:
    assert achieved_level(Fraction(3)) == 3
    assert achieved_level(Fraction(299, 100)) == 2
    assert achieved_level(Fraction(5)) == 5


def mlts_model(points_per_section: int = 3) -> Questionnaire:
    def section(sid: str) -> dict[str, Any]:
        return {
            "id": sid,
            "title": sid.title(),
            "levels": {n: f"level {n}" for n in range(1, 6)},
            "recommendations": {n: f"move up from {n}" for n in range(1, 5)},
            "questions": [
                {
                    "id": f"{sid}-{i}",
                    "text": f"Test {sid} {i}",
                    "choices": [
                        {"text": "Not done", "points": 0},
                        {"text": "By hand, documented", "points": 0.5},
                        {"text": "Automated", "points": 1},
                    ],
                }
                for i in range(1, points_per_section + 1)
            ],
        }

    return Questionnaire.model_validate(
        {
            "id": "mlts",
            "title": "ML Test Score",
            "version": "1",
            "scoring": "ml-test-score",
            "levels": [{"level": n, "name": f"L{n}", "description": "d"} for n in range(1, 6)],
            "areas": [{"id": "all", "title": "All", "dimensions": [section("a"), section("b")]}],
        }
    )


def test_ml_test_score_sums_sections_and_takes_the_minimum() -> None:
    from assess.domain.assessment import new_assessment
    from tests.conftest import TODAY

    model = mlts_model()
    a = new_assessment(model, "Vision", [], TODAY, NOW)
    # section a: 1 + 0.5 + 0 = 1.5; section b: 1 + 1 + 1 = 3
    for qid, choice in {"a-1": 3, "a-2": 2, "a-3": 1, "b-1": 3, "b-2": 3, "b-3": 3}.items():
        a = a.with_answer(qid, by_position(model, {qid: Answer(position=choice)})[qid], NOW)
    card = score(model, a)
    assert card.ml_test_score is not None
    assert card.ml_test_score.sections == {"a": 1.5, "b": 3.0}
    assert card.ml_test_score.final == 1.5
    assert card.ml_test_score.band.startswith("A first pass")
    assert (card.score, card.level) == (3, 3)  # the level of the final score, not its points
    assert [d.level for d in card.dimensions] == [3, 3]
    assert card.areas[0].level == 3  # the weakest section's band, not a mean


@pytest.mark.parametrize(
    ("points", "level", "band_start"),
    [
        (0, 1, "More a research project"),
        (0.5, 2, "Not untested"),
        (1.0, 2, "Not untested"),
        (1.5, 3, "A first pass"),
        (2.5, 3, "Reasonably tested"),
        (3.0, 3, "Reasonably tested"),
        (5.0, 4, "Strong automated"),
        (5.5, 5, "Exceptional"),
        (7, 5, "Exceptional"),
    ],
)
def test_ml_test_score_bands(points: float, level: int, band_start: str) -> None:
    got_level, band = ml_test_band(exact(points))
    assert got_level == level
    assert band.startswith(band_start)
