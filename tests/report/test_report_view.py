from assess.domain.assessment import Assessment
from assess.domain.questionnaire import Questionnaire
from assess.domain.roadmap import PHASE_SIZE
from assess.domain.scoring import score
from assess.report.view import ReportView, figure, gap_report_view
from tests.report.conftest import GENERATED, answered, choice


def view_of(questionnaire: Questionnaire, assessment: Assessment) -> ReportView:
    return gap_report_view(questionnaire, assessment, score(questionnaire, assessment), GENERATED)


def test_figures_never_flatter_and_never_show_negative_zero() -> None:
    # Scores are cut down (2.96 is still level 2), gaps rounded up (0.04 is still a gap).
    assert [figure(2.96), figure(None), figure(3)] == ["2.9", "–", "3.0"]
    assert [figure(0.04, up=True), figure(-0.04, up=True)] == ["0.1", "0.0"]


def test_full_tiny_assessment_figures(tiny: Questionnaire, tiny_full: Assessment) -> None:
    v = view_of(tiny, tiny_full)
    assert (v.overall, v.overall_scale, v.overall_level) == ("2.1", "of 5", "Level 2 · Managed")
    ci, tracking = v.dimensions
    assert (ci.score, ci.level, ci.target, ci.gap, ci.priority) == (
        "1.5",
        "1 · Initial",
        "4",
        "2.5",
        "5.0",
    )
    assert (tracking.score, tracking.gap, tracking.below_target) == ("3.5", "-0.5", False)
    # From level 1 to target 4: three recommendations, in order.
    assert [s.text for s in ci.steps] == ["Add CI.", "Require CI.", "Measure CI."]
    assert tracking.steps == []
    assert [d.title for d in v.top_gaps] == ["Continuous integration"]
    assert [d.title for d in v.strongest] == ["Experiment tracking", "Continuous integration"]
    assert not v.draft and v.completeness.percent == "100%"
    assert ci.answers[0].worth == "level 3" and ci.answers[0].note
    assert v.radar is None  # two dimensions make no radar; the table stands in


def test_half_finished_assessment_is_a_draft(tiny: Questionnaire, tiny_half: Assessment) -> None:
    v = view_of(tiny, tiny_half)
    assert v.draft
    assert v.draft_text == "Draft: 2 of 4 questions unanswered; assessment not marked complete"
    assert [d.gap for d in v.dimensions] == ["3.0", "2.0"]
    assert [item.question for item in v.unanswered] == [
        "Which share of repositories build on every push?",
        "Can two runs be compared side by side?",
    ]
    assert [item.question for item in v.dont_know] == ["Where are training runs recorded?"]
    assert v.dimensions[1].answers[0].worth == "scored as level 1"


def test_ml_test_score_summary(mini_mlts: Questionnaire, mlts_full: Assessment) -> None:
    v = view_of(mini_mlts, mlts_full)
    assert v.ml_test is not None
    assert v.ml_test.sections == [
        ("Tests for features and data", "1.5 of 2", "Basic"),
        ("Tests for model development", "0 of 2", "Research project"),
        ("Tests for ML infrastructure", "1.5 of 2", "Basic"),
        ("Tests for ML monitoring", "2 of 2", "Basic"),
    ]
    assert (v.ml_test.final, v.ml_test.maximum) == ("0", "2")
    assert v.ml_test.band.startswith("More a research project")
    assert (v.overall_label, v.overall, v.overall_scale) == ("ML Test Score", "0", "of 2 points")
    assert [d.title for d in v.top_gaps] == ["Tests for model development"]
    assert v.radar is not None


def test_roadmap_section_shows_one_level_step_per_dimension_and_phase(
    tiny: Questionnaire,
) -> None:
    # Lowest answers everywhere: ci 1 → 4 (priority 3 × 2 = 6), tracking 1 → 3 (2 × 1 = 2).
    v = view_of(tiny, answered(tiny, {q.id: choice(1) for _, q in tiny.questions()}))
    assert [p.name for p in v.phases] == [
        "Phase 1: next quarter",
        "Phase 2: the quarter after",
        "Phase 3: quarter 3",
    ]
    rows = [[(s.dimension, s.move, s.owner, s.priority) for s in p.steps] for p in v.phases]
    assert rows == [
        [
            ("Continuous integration", "Level 1 Initial → 2 Managed", "Team", "6.0"),
            ("Experiment tracking", "Level 1 Initial → 2 Managed", "Team", "2.0"),
        ],
        [
            ("Continuous integration", "Level 2 Managed → 3 Defined", "Team", "6.0"),
            ("Experiment tracking", "Level 2 Managed → 3 Defined", "Team", "2.0"),
        ],
        [("Continuous integration", "Level 3 Defined → 4 Measured", "Team", "6.0")],
    ]
    assert v.phases[0].steps[0].recommendation == "Add CI."
    assert f"at most {PHASE_SIZE} level steps" in v.phase_rule
