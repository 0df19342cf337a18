"""Scoping out an area or a dimension, recommendations with owners, and version mappings,
on tiny.yaml with the fields added (ci: ci-builds levels 1, 3, 5 weight 1 and ci-gate levels 1, 4
weight 3; tracking: tracking-runs levels 1, 2, 4 and tracking-compare levels 1, 5)."""

from typing import Any

import pytest
from pydantic import ValidationError

from assess.domain.assessment import Assessment, new_assessment
from assess.domain.questionnaire import Questionnaire, Recommendation, Step
from assess.domain.scoring import score
from tests.conftest import NOW, TODAY, pick_in

ML_SCOPE = {"question": "Does this team build ML models?", "reason": "builds no ML models"}


def variant(tiny: Questionnaire, change: Any) -> Questionnaire:
    data = tiny.model_dump(mode="json", exclude_none=True)
    change(data)
    return Questionnaire.model_validate(data)


@pytest.fixture
def scopeable(tiny: Questionnaire) -> Questionnaire:
    def change(data: dict[str, Any]) -> None:
        data["areas"][1]["scope_out"] = ML_SCOPE

    return variant(tiny, change)


def filled(model: Questionnaire, **choices: int) -> Assessment:
    assessment = new_assessment(model, "Payments", ["A. Rivera"], TODAY, NOW)
    for qid, n in choices.items():
        assessment = assessment.with_answer(
            qid.replace("_", "-"), pick_in(model, qid.replace("_", "-"), n), NOW
        )
    return assessment


def test_a_scoped_out_area_is_shown_as_scoped_out_never_as_zero(scopeable: Questionnaire) -> None:
    a = filled(scopeable, ci_builds=2, ci_gate=2)
    a = a.with_scoped_out("ml", "builds no ML models", NOW)
    card = score(scopeable, a)
    tracking = card.dimension("tracking")
    assert (tracking.score, tracking.level, tracking.gap) == (None, None, None)
    assert tracking.scoped_out == "builds no ML models"
    assert tracking.not_applicable == 2 and tracking.unanswered == 0
    assert card.areas[1].scoped_out == "builds no ML models" and card.areas[1].score is None
    # Overall = ci alone: (3 x 1 + 4 x 3) / 4 = 3.75, the tracking dimension counts nowhere.
    assert card.score == pytest.approx(3.75)
    assert card.complete
    assert [d.dimension for d in card.gaps] == ["ci"]


def test_scoping_out_is_undone_and_answers_kept(scopeable: Questionnaire) -> None:
    a = filled(scopeable, ci_builds=2, ci_gate=2, tracking_runs=2, tracking_compare=1)
    a = a.with_scoped_out("ml", "no ML", NOW).without_scoped_out("ml", NOW)
    tracking = score(scopeable, a).dimension("tracking")
    assert tracking.scoped_out == "" and tracking.score == pytest.approx(1.5)


def test_only_what_the_model_lets_a_team_scope_out_counts(tiny: Questionnaire) -> None:
    # tiny declares no scope_out: an id in the assessment changes nothing.
    a = filled(tiny, ci_builds=2, ci_gate=2).with_scoped_out("ci", "not ours", NOW)
    assert score(tiny, a).dimension("ci").score == pytest.approx(3.75)


def test_a_dimension_may_be_scoped_out_alone(tiny: Questionnaire) -> None:
    def change(data: dict[str, Any]) -> None:
        data["areas"][0]["dimensions"][0]["scope_out"] = {
            "question": "Does the team own a build?",
            "reason": "no build of its own",
        }

    model = variant(tiny, change)
    assert list(model.scopeable()) == ["ci"]
    a = filled(model, tracking_runs=3, tracking_compare=2).with_scoped_out("ci", "none", NOW)
    card = score(model, a)
    assert card.dimension("ci").scoped_out == "none"
    assert card.score == pytest.approx((4 + 5) / 2)
    assert [q.id for q in model.questions_in_scope(a.scoped_out)] == [
        "tracking-runs",
        "tracking-compare",
    ]


def test_questions_in_scope_leave_out_a_scoped_area(scopeable: Questionnaire) -> None:
    assert len(scopeable.questions_in_scope({})) == 4
    assert [q.id for q in scopeable.questions_in_scope({"ml": "x"})] == ["ci-builds", "ci-gate"]


def test_a_carried_over_assessment_keeps_its_scope(scopeable: Questionnaire) -> None:
    from assess.domain.assessment import carried_over

    a = filled(scopeable, ci_builds=2).with_scoped_out("ml", "no ML", NOW)
    assert carried_over(a, scopeable, TODAY, NOW).scoped_out == {"ml": "no ML"}


def test_a_recommendation_has_steps_with_owners_and_a_check(tiny: Questionnaire) -> None:
    def change(data: dict[str, Any]) -> None:
        data["areas"][0]["dimensions"][0]["recommendations"][1] = {
            "steps": [
                {"text": "Add a pipeline.", "owner": "team"},
                {"text": "Offer shared runners.", "owner": "organisation"},
            ],
            "worked_when": "every push shows a result.",
        }

    model = variant(tiny, change)
    ci = model.areas[0].dimensions[0]
    first = ci.recommendation(1)
    assert first == Recommendation(
        steps=[
            Step(text="Add a pipeline.", owner="team"),
            Step(text="Offer shared runners.", owner="organisation"),
        ],
        worked_when="every push shows a result.",
    )
    assert first.text == (
        "Add a pipeline. Offer shared runners. It worked when every push shows a result."
    )
    # The plain-text form is one step the team owns.
    plain = ci.recommendation(2)
    assert plain is not None and [s.owner for s in plain.steps] == ["team"]
    assert ci.recommendation(5) is None


def test_an_owner_is_team_or_organisation(tiny: Questionnaire) -> None:
    def change(data: dict[str, Any]) -> None:
        data["areas"][0]["dimensions"][0]["recommendations"][1] = {
            "steps": [{"text": "x", "owner": "vendor"}],
            "worked_when": "y",
        }

    with pytest.raises(ValidationError, match="owner"):
        variant(tiny, change)


def mapped(tiny: Questionnaire, questions: dict[str, str], version: str = "0.9") -> Any:
    def change(data: dict[str, Any]) -> None:
        data["replaces"] = [{"version": version, "questions": questions}]

    return variant(tiny, change)


def test_a_mapping_names_questions_of_this_version_or_dropped(tiny: Questionnaire) -> None:
    model = mapped(tiny, {"old-builds": "ci-builds", "old-thing": "dropped"})
    mapping = model.mapping_from("0.9")
    assert mapping is not None and mapping.questions["old-thing"] == "dropped"
    assert model.mapping_from("0.8") is None


@pytest.mark.parametrize(
    ("questions", "version", "wording"),
    [
        ({"old": "no-such-question"}, "0.9", "'old' maps to 'no-such-question', which is no"),
        ({"a": "ci-gate", "b": "ci-gate"}, "0.9", "'b' and 'a' both map to 'ci-gate'"),
        ({"a": "ci-gate"}, "1.0", "a model cannot replace its own version 1.0"),
    ],
)
def test_a_wrong_mapping_is_refused(
    tiny: Questionnaire, questions: dict[str, str], version: str, wording: str
) -> None:
    with pytest.raises(ValidationError, match=wording):
        mapped(tiny, questions, version)


def gated(tiny: Questionnaire) -> Questionnaire:
    def change(data: dict[str, Any]) -> None:
        data["areas"][0]["dimensions"][0]["questions"][0]["gate"] = True

    return variant(tiny, change)


@pytest.mark.parametrize(
    ("builds", "gate", "expected"),
    [
        (1, 2, 1.0),  # coverage None caps at 1: min(4, 1)
        (2, 2, 3.0),  # coverage Some caps at 3: min(4, 3)
        (3, 2, 4.0),  # full coverage caps nothing: ci-gate alone, level 4
        (3, 1, 1.0),  # the gate never raises the mean: ci-gate level 1
    ],
)
def test_a_coverage_gate_caps_the_dimension_and_never_adds_to_it(
    tiny: Questionnaire, builds: int, gate: int, expected: float
) -> None:
    model = gated(tiny)
    card = score(model, filled(model, ci_builds=builds, ci_gate=gate))
    assert card.dimension("ci").score == pytest.approx(expected)


def test_a_gate_must_end_at_the_top_level(tiny: Questionnaire) -> None:
    def change(data: dict[str, Any]) -> None:
        question = data["areas"][0]["dimensions"][0]["questions"][1]
        question["gate"] = True  # ci-gate ends at level 4

    with pytest.raises(ValidationError, match="last choice of a gate question must be level 5"):
        variant(tiny, change)
