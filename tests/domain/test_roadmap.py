"""The roadmap's phases for hand-made gaps on tests/data/tiny.yaml.

tiny: ci (weight 2, target 4; recommendations 'Add CI.', 'Require CI.', 'Measure CI.', 'Tune
CI.') and tracking (weight 1, target 3). Answering the first choice everywhere puts both at
level 1: ci gap 3 (priority 6), tracking gap 2 (priority 2).
"""

import copy
from datetime import date
from fractions import Fraction

from assess.domain.assessment import Answer, Assessment
from assess.domain.questionnaire import Questionnaire
from assess.domain.roadmap import (
    PHASE_SIZE,
    Roadmap,
    build_roadmap,
    find_out_step_id,
    level_step_id,
    since,
    slug,
)
from assess.domain.scoring import score
from tests.conftest import NOW, by_position


def lowest(model: Questionnaire) -> dict[str, Answer]:
    return {q.id: Answer(position=1) for _, q in model.questions()}


def roadmap(model: Questionnaire, assessment: Assessment) -> Roadmap:
    return build_roadmap(model, assessment, score(model, assessment))


def with_answers(model: Questionnaire, blank: Assessment, answers: dict[str, Answer]) -> Assessment:
    return blank.model_copy(update={"answers": by_position(model, answers)})


def test_a_three_level_gap_spans_three_phases_one_step_each(
    tiny: Questionnaire, blank: Assessment
) -> None:
    r = roadmap(tiny, with_answers(tiny, blank, lowest(tiny)))
    assert r.phases == 3
    plan = [(s.phase, s.dimension, s.from_level, s.to_level) for s in r.steps]
    assert plan == [
        (1, "ci", 1, 2),
        (1, "tracking", 1, 2),
        (2, "ci", 2, 3),
        (2, "tracking", 2, 3),
        (3, "ci", 3, 4),
    ]
    first = r.steps[0]
    assert first.summary == "Continuous integration: from level 1 Initial to 2 Managed"
    assert (first.recommendation, first.owner, first.kind) == ("Add CI.", "team", "level")
    assert (first.priority, first.gap) == (Fraction(6), Fraction(3))
    assert r.steps[1].priority == Fraction(2)


def test_a_fractional_score_starts_at_the_level_fully_reached(
    tiny: Questionnaire, blank: Assessment
) -> None:
    # ci: builds 'Some' (3) × 1 + gate 'No' (1) × 3 = 6 / 4 = 1.5, level 1, gap 2.5, priority 5.
    answers = lowest(tiny) | {"ci-builds": Answer(position=2)}
    r = roadmap(tiny, with_answers(tiny, blank, answers))
    ci = [s for s in r.steps if s.dimension == "ci"]
    assert [(s.from_level, s.to_level) for s in ci] == [(1, 2), (2, 3), (3, 4)]
    assert (ci[0].gap, ci[0].priority) == (Fraction(5, 2), Fraction(5))


def seven_practices(tiny: Questionnaire) -> Questionnaire:
    """ci plus t0..t6 (target 3, weights 1, 2, 3, 1, 2, 3, 1) in place of tracking."""
    data = tiny.model_dump()
    template = data["areas"][1]["dimensions"][0]
    dims = []
    for i in range(7):
        d = copy.deepcopy(template)
        d["id"], d["title"], d["weight"] = f"t{i}", f"Practice {i}", 1 + i % 3
        for q in d["questions"]:
            q["id"] = f"t{i}-{q['id']}"
        dims.append(d)
    data["areas"][1]["dimensions"] = dims
    return Questionnaire.model_validate(data)


def test_phases_take_at_most_three_steps_in_priority_order_ties_in_model_order(
    tiny: Questionnaire, blank: Assessment
) -> None:
    model = seven_practices(tiny)
    r = roadmap(model, with_answers(model, blank, lowest(model)))
    # Priorities: ci 3 × 2 = 6; t2, t5 2 × 3 = 6; t1, t4 4; t0, t3, t6 2. Ties keep model order.
    phases = [
        [f"{s.dimension} {s.from_level}-{s.to_level}" for s in r.phase(n)]
        for n in (1, 2, 3, 4, 5, 6)
    ]
    assert phases == [
        ["ci 1-2", "t2 1-2", "t5 1-2"],
        ["ci 2-3", "t2 2-3", "t5 2-3"],
        ["ci 3-4", "t1 1-2", "t4 1-2"],
        ["t1 2-3", "t4 2-3", "t0 1-2"],
        ["t0 2-3", "t3 1-2", "t6 1-2"],
        ["t3 2-3", "t6 2-3"],
    ]
    assert r.phases == 6 and len(r.steps) == 3 + 7 * 2
    assert all(len(r.phase(n)) <= PHASE_SIZE for n in range(1, 7))


def test_dont_know_answers_become_find_out_steps_in_the_first_phase(
    tiny: Questionnaire, blank: Assessment
) -> None:
    answers = lowest(tiny) | {"tracking-runs": Answer(skip="dont-know")}
    r = roadmap(tiny, with_answers(tiny, blank, answers))
    first = r.phase(1)
    assert [s.kind for s in first] == ["find-out", "level", "level"]
    find_out = first[0]
    assert find_out.id == find_out_step_id("Payments", "tracking", "tracking-runs")
    assert find_out.question == "tracking-runs"
    assert find_out.summary == ("Experiment tracking: find out: Where are training runs recorded?")
    assert "tracking server" in find_out.recommendation
    assert find_out.check.startswith("It worked when")


def test_at_or_above_target_makes_no_steps(tiny: Questionnaire, blank: Assessment) -> None:
    top = {q.id: Answer(position=len(q.choices)) for _, q in tiny.questions()}
    r = roadmap(tiny, with_answers(tiny, blank, top))
    assert (r.steps, r.phases) == ([], 0)


def test_ids_name_team_dimension_and_levels_and_survive_a_reassessment(
    tiny: Questionnaire, blank: Assessment
) -> None:
    first = roadmap(tiny, with_answers(tiny, blank, lowest(tiny)))
    later = blank.model_copy(
        update={"date": date(2027, 2, 20), "answers": by_position(tiny, lowest(tiny))}
    )
    assert [s.id for s in roadmap(tiny, later).steps] == [s.id for s in first.steps]
    assert first.steps[0].id == level_step_id("Payments", "ci", 1, 2)
    assert first.steps[0].id == f"{slug('Payments')}.ci.1-2"
    assert slug("Payments").startswith("payments-") and slug("Data Team") != slug("data-team")


def test_since_marks_reached_steps_done_and_keeps_the_others(
    tiny: Questionnaire, blank: Assessment
) -> None:
    answers = lowest(tiny) | {"tracking-runs": Answer(skip="dont-know")}
    before = roadmap(tiny, with_answers(tiny, blank, answers))
    # Next quarter: ci reaches level 3 on the gate alone ((1 + 4 × 3) / 4 = 3.25, level 3),
    # tracking-runs is answered, and tracking's target is lowered to 2.
    answers = lowest(tiny) | {"ci-gate": Answer(position=2)}
    now = with_answers(tiny, blank, answers).with_target("tracking", 2, NOW)
    card = score(tiny, now)
    r = since(build_roadmap(tiny, now, card), before.steps, now, card)
    status = {(s.dimension, s.kind, s.from_level, s.question): s.status for s in r.steps}
    assert status == {
        ("ci", "level", 3, None): "open",
        ("tracking", "level", 1, None): "open",
        ("ci", "level", 1, None): "done",
        ("ci", "level", 2, None): "done",
        ("tracking", "level", 2, None): "dropped",
        ("tracking", "find-out", None, "tracking-runs"): "done",
    }
    assert [s.status for s in r.phase(1)] == ["open", "open"]
    assert {s.status for s in r.closed} == {"done", "dropped"}


def test_since_calls_steps_the_earlier_roadmap_lacked_new(
    tiny: Questionnaire, blank: Assessment
) -> None:
    before = roadmap(tiny, with_answers(tiny, blank, lowest(tiny)))
    now = with_answers(tiny, blank, lowest(tiny)).with_target("tracking", 4, NOW)
    card = score(tiny, now)
    r = since(build_roadmap(tiny, now, card), before.steps, now, card)
    assert [s.id for s in r.steps if s.status == "new"] == [
        level_step_id("Payments", "tracking", 3, 4)
    ]


def test_owner_and_check_come_from_the_models_recommendation(
    tiny: Questionnaire, blank: Assessment
) -> None:
    data = tiny.model_dump(mode="json")
    recommendations = data["areas"][0]["dimensions"][0]["recommendations"]
    recommendations["1"] = {
        "steps": [
            {"text": "Script the build.", "owner": "team"},
            {"text": "Fund shared runners.", "owner": "organisation"},
        ],
        "worked_when": "every pull request shows a result.",
    }
    recommendations["2"] = "Require CI. It worked when no merge skips a red build."
    model = Questionnaire.model_validate(data)
    steps = roadmap(model, with_answers(model, blank, lowest(model))).steps
    one_two, two_three = steps[0], steps[2]
    assert (one_two.recommendation, one_two.owner) == (
        "Script the build. Fund shared runners.",
        "organisation",
    )
    assert [a.owner for a in one_two.actions] == ["team", "organisation"]
    assert one_two.check == "It worked when every pull request shows a result."
    # Plain text: one action the team owns, the check split off.
    assert (two_three.recommendation, two_three.check, two_three.owner) == (
        "Require CI.",
        "It worked when no merge skips a red build.",
        "team",
    )
    assert steps[4].check == ""  # 'Measure CI.' has no check


def test_no_find_out_steps_in_what_the_team_scoped_out() -> None:
    # devops-mlops: "don't know" on ci-trigger and on dv-pinning; the team then scopes out the
    # MLOps area (where dv-pinning is): only ci-trigger is left to find out, and the scoped-out
    # area makes no level steps either.
    from assess.domain.assessment import new_assessment
    from assess.files.questionnaires import find_questionnaire

    model = find_questionnaire("devops-mlops", [])
    blank = new_assessment(model, "Payments", [], date(2026, 11, 20), NOW)
    dont_know = {qid: Answer(skip="dont-know") for qid in ("ci-trigger", "dv-pinning")}
    answered = blank.model_copy(update={"answers": dont_know})
    both = roadmap(model, answered)
    assert [s.question for s in both.steps if s.kind == "find-out"] == ["ci-trigger", "dv-pinning"]
    scoped = answered.with_scoped_out("mlops", "we train no models", NOW)
    r = roadmap(model, scoped)
    assert [s.question for s in r.steps if s.kind == "find-out"] == ["ci-trigger"]
    mlops = {d.id for d in model.areas[2].dimensions}
    assert not [s for s in r.steps if s.dimension in mlops]
