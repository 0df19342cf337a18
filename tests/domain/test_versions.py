"""Answers given on version 1.0 of the default model, read through 2.0's mapping."""

from datetime import date

from assess.domain.answers import resolve
from assess.domain.assessment import Answer, Assessment, carried_over, new_assessment
from assess.domain.compare import compare
from assess.domain.questionnaire import Question, Questionnaire
from assess.domain.versions import translate
from assess.files.questionnaires import find_questionnaire
from tests.conftest import NOW, by_position, pick_in

OLD = find_questionnaire("devops-mlops", [], "1.0")
NEW = find_questionnaire("devops-mlops", [])


def question(model: Questionnaire, qid: str) -> Question:
    return next(q for _, q in model.questions() if q.id == qid)


def position(model: Questionnaire, qid: str, text: str) -> int:
    return [c.text for c in question(model, qid).choices].index(text) + 1


def on_1_0(**answers: Answer) -> Assessment:
    a = new_assessment(OLD, "Payments", ["A. Rivera"], date(2026, 9, 1), NOW)
    named = {qid.replace("_", "-"): answer for qid, answer in answers.items()}
    for qid, answer in by_position(OLD, named).items():
        a = a.with_answer(qid, answer, NOW)
    return a.with_status("complete", NOW)


def test_the_two_versions_are_what_the_mapping_expects() -> None:
    assert (OLD.version, NEW.version) == ("1.0", "2.0")


def test_an_unchanged_choice_carries_to_its_new_position() -> None:
    text = "Peer review plus passing automated checks is the approval"
    old = on_1_0(cd_approval=Answer(position=position(OLD, "cd-approval", text), note="kept"))
    result = translate(old, OLD, NEW)
    assert result is not None and result.changed == []
    carried = result.assessment.answers["cd-approval"]
    chosen = question(NEW, "cd-approval").choice(carried.choice or "")
    assert chosen is not None and chosen.text == text
    assert carried.note == "kept"


def test_a_changed_choice_is_reported_never_remapped() -> None:
    old = on_1_0(
        ci_trigger=Answer(position=6),  # "100%": the question is now a gate with other choices
        obs_slo=Answer(position=3),  # renamed rel-slo, choices changed
        collab_culture_survey=Answer(position=4),  # dropped
        ci_merge_frequency=Answer(position=4),  # unchanged
        ir_oncall=Answer(skip="dont-know"),
    )
    result = translate(old, OLD, NEW)
    assert result is not None
    assert sorted(result.changed) == ["ci-trigger", "rel-slo"]
    # Changed answers are carried as given, so that they read as changed until confirmed.
    carried = result.assessment.answers
    assert set(carried) == {"ci-merge-frequency", "ir-oncall", "ci-trigger", "rel-slo"}
    assert resolve(question(NEW, "rel-slo"), carried["rel-slo"]).state == "changed"
    assert carried["ci-merge-frequency"].text == question(OLD, "ci-merge-frequency").choices[3].text


def test_a_re_assessment_on_2_0_pre_fills_every_carried_answer() -> None:
    old = on_1_0(ci_merge_frequency=Answer(position=4), ci_gate=Answer(position=3))
    result = translate(old, OLD, NEW)
    assert result is not None
    fresh = carried_over(result.assessment, NEW, date(2026, 12, 1), NOW)
    assert fresh.questionnaire_version == "2.0"
    assert {k: v.choice for k, v in fresh.answers.items()} == {
        "ci-merge-frequency": question(NEW, "ci-merge-frequency").choices[3].id,
        "ci-gate": question(NEW, "ci-gate").choices[2].id,
    }
    assert all(v.source == "carried over from 2026-09-01" for v in fresh.answers.values())


def test_compare_shows_progress_across_the_version_on_what_carries_over() -> None:
    # 1.0: continuous integration at levels 4 (merge frequency) and 3 (gate): 3.5.
    old = on_1_0(ci_merge_frequency=Answer(position=4), ci_gate=Answer(position=3))
    translated = translate(old, OLD, NEW)
    assert translated is not None
    later = new_assessment(NEW, "Payments", ["A. Rivera"], date(2026, 12, 1), NOW)
    # 2.0: merge frequency 5, gate 5 and CI health 4 (no gate answer): (5 + 5 + 4) / 3.
    for qid, n in {"ci-merge-frequency": 5, "ci-gate": 5, "ci-health": 4}.items():
        later = later.with_answer(qid, pick_in(NEW, qid, n), NOW)
    comparison = compare(NEW, [translated.assessment, later], all_dates=True)
    assert [d.id for d in comparison.dimensions] == ["continuous-integration"]
    (progress,) = comparison.progress
    (change,) = progress.changes
    assert change.first == 3.5
    assert abs((change.latest or 0) - 14 / 3) < 1e-9
    assert change.trend == "improved"
