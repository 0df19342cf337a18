"""Comparison figures checked against values worked out by hand on tests/data/tiny.yaml.

tiny: 'ci' (weight 2, target 4; ci-builds levels 1/3/5 weight 1, ci-gate levels 1/4 weight 3) and
'tracking' (weight 1, target 3; tracking-runs levels 1/2/4, tracking-compare levels 1/5).
"""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.compare import choose_questionnaire, compare
from assess.domain.questionnaire import Questionnaire
from assess.errors import AssessError
from assess.files.questionnaires import load_questionnaire
from tests.conftest import by_position

TINY = Path(__file__).parent.parent / "data" / "tiny.yaml"
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
LATEST = date(2026, 11, 1)
EARLIER = date(2026, 8, 1)


@pytest.fixture(scope="module")
def tiny() -> Questionnaire:
    return load_questionnaire(TINY)


def make(
    q: Questionnaire,
    team: str,
    choices: dict[str, int],
    on: date = LATEST,
    targets: dict[str, int] | None = None,
    version: str | None = None,
) -> Assessment:
    a = new_assessment(q, team, [], on, NOW)
    update: dict[str, object] = {
        "answers": by_position(q, {qid: Answer(position=c) for qid, c in choices.items()}),
        "targets": targets or {},
        "status": "complete" if len(choices) == 4 else "in-progress",
    }
    if version is not None:
        update["questionnaire_version"] = version
    return a.model_copy(update=update)


def teams(q: Questionnaire) -> list[Assessment]:
    both = ("ci-builds", "ci-gate", "tracking-runs", "tracking-compare")
    return [
        # ci = (5*1 + 4*3)/4 = 4.25, tracking = (4+5)/2 = 4.5, overall = (2*4.25 + 4.5)/3
        make(q, "A", dict(zip(both, (3, 2, 3, 2), strict=True))),
        # earlier A: ci = (3 + 12)/4 = 3.75, tracking 4.5
        make(q, "A", dict(zip(both, (2, 2, 3, 2), strict=True)), on=EARLIER),
        # ci = (3 + 3)/4 = 1.5, tracking = (2+1)/2 = 1.5
        make(q, "B", dict(zip(both, (2, 1, 2, 1), strict=True))),
        # earlier B: ci = (5 + 3)/4 = 2.0, tracking 1.5
        make(q, "B", dict(zip(both, (3, 1, 2, 1), strict=True)), on=EARLIER),
        # ci = (1 + 12)/4 = 3.25, tracking = (1+5)/2 = 3.0 against its own target 4
        make(q, "C", dict(zip(both, (1, 2, 1, 2), strict=True)), targets={"tracking": 4}),
        # ci = (5 + 3)/4 = 2.0, tracking unanswered: incomplete
        make(q, "D", {"ci-builds": 3, "ci-gate": 1}),
    ]


def test_heat_map_values_and_order(tiny: Questionnaire) -> None:
    result = compare(tiny, teams(tiny))
    assert [r.team for r in result.rows] == ["A", "C", "D", "B"]
    a, c, d, b = result.rows
    assert a.overall == pytest.approx((2 * 4.25 + 4.5) / 3)
    assert c.overall == pytest.approx((2 * 3.25 + 3.0) / 3)
    assert d.overall == pytest.approx(2.0)
    assert b.overall == pytest.approx(1.5)
    assert [(x.score, x.level, x.target, x.gap) for x in a.cells] == [
        (4.25, 4, 4, -0.25),
        (4.5, 4, 3, -1.5),
    ]
    assert [(x.score, x.target, x.gap) for x in c.cells] == [(3.25, 4, 0.75), (3.0, 4, 1.0)]
    assert d.cells[1].score is None and d.incomplete and not a.incomplete
    assert a.level == 4 and b.level == 1
    assert result.teams == 4


def test_medians_and_spread(tiny: Questionnaire) -> None:
    result = compare(tiny, teams(tiny))
    # ci: 1.5, 2.0, 3.25, 4.25 -> (2.0 + 3.25)/2; tracking: 1.5, 3.0, 4.5 (D has none)
    assert result.medians == [pytest.approx(2.625), pytest.approx(3.0)]
    ci, tracking = result.spread
    assert (ci.min, ci.median, ci.max, ci.below_target, ci.teams) == (1.5, 2.625, 4.25, 3, 4)
    assert (tracking.min, tracking.max, tracking.below_target, tracking.teams) == (1.5, 4.5, 2, 3)
    assert result.rows[0].cells[0].vs_median == pytest.approx(4.25 - 2.625)
    # overall: A 4.333, C 3.1667, D 2.0, B 1.5
    assert result.median_overall == pytest.approx((9.5 / 3 + 2.0) / 2)


def test_common_gap_ranking(tiny: Questionnaire) -> None:
    result = compare(tiny, teams(tiny))
    # ci: B, C, D below target 4 (3 of 4), gaps 2.5, 0.75, 2.0;
    # tracking: B 1.5 and C 1.0 below (2 of 3).
    assert [(g.dimension, g.below_target, g.teams) for g in result.common_gaps] == [
        ("ci", 3, 4),
        ("tracking", 2, 3),
    ]
    assert result.common_gaps[0].mean_gap == pytest.approx((2.5 + 0.75 + 2.0) / 3)
    assert result.common_gaps[1].mean_gap == pytest.approx(1.25)


def test_common_gaps_need_a_majority(tiny: Questionnaire) -> None:
    subset = [a for a in teams(tiny) if a.team in ("A", "C") and a.date == LATEST]
    result = compare(tiny, subset)
    # ci: C below, A not (1 of 2 is no majority); tracking: C below, A not.
    assert result.common_gaps == []


def test_who_is_strong_where(tiny: Questionnaire) -> None:
    result = compare(tiny, teams(tiny))
    ci, tracking = result.strengths
    assert [t.team for t in ci.strong] == ["A"]
    assert [t.team for t in ci.below] == ["B", "D", "C"]
    assert [t.team for t in tracking.strong] == ["A"]
    assert [t.team for t in tracking.below] == ["B", "C"]


def test_progress_deltas(tiny: Questionnaire) -> None:
    result = compare(tiny, teams(tiny))
    assert [p.team for p in result.progress] == ["A", "B"]
    a, b = result.progress
    assert (a.first_date, a.latest_date, a.assessments) == (EARLIER, LATEST, 2)
    assert [(c.delta, c.trend) for c in a.changes] == [(0.5, "improved"), (0.0, "unchanged")]
    assert a.overall_delta == pytest.approx((2 * 4.25 + 4.5) / 3 - (2 * 3.75 + 4.5) / 3)
    assert [(c.delta, c.trend) for c in b.changes] == [(-0.5, "regressed"), (0.0, "unchanged")]
    assert b.count("regressed") == 1


def test_latest_only_by_default_history_with_all_dates(tiny: Questionnaire) -> None:
    assert len(compare(tiny, teams(tiny)).rows) == 4
    result = compare(tiny, teams(tiny), all_dates=True)
    assert [(r.team, r.date, r.latest) for r in result.rows] == [
        ("A", LATEST, True),
        ("A", EARLIER, False),
        ("C", LATEST, True),
        ("D", LATEST, True),
        ("B", LATEST, True),
        ("B", EARLIER, False),
    ]
    # The organisation's figures still count each team once.
    assert result.medians == compare(tiny, teams(tiny)).medians


def test_other_version_compared_on_shared_dimensions(tiny: Questionnaire) -> None:
    old = make(tiny, "E", {"ci-builds": 3, "ci-gate": 2}, version="0.9")
    result = compare(tiny, [*teams(tiny), old])
    assert [d.id for d in result.dimensions] == ["ci"]
    assert [(x.dimension, x.versions) for x in result.left_out] == [("tracking", ["0.9"])]
    assert result.versions == {"0.9": 1, "1.0": 6}
    # Overall now over ci only.
    assert result.rows[0].overall == pytest.approx(4.25)


def test_mixed_questionnaires_need_a_choice(tiny: Questionnaire) -> None:
    other = teams(tiny)[0].model_copy(update={"questionnaire": "other"})
    mixed = [*teams(tiny), other]
    with pytest.raises(
        AssessError,
        match=r"different questionnaires: other \(1 assessment\), tiny \(6 assessments\)",
    ):
        choose_questionnaire(mixed, None)
    assert choose_questionnaire(mixed, "tiny") == "tiny"
    with pytest.raises(AssessError, match="no assessment of questionnaire 'nope'"):
        choose_questionnaire(mixed, "nope")
    with pytest.raises(AssessError, match="cannot compare assessments of 'other'"):
        compare(tiny, mixed)


def test_assessments_made_before_the_model_changed_are_counted(tiny: Questionnaire) -> None:
    stale = teams(tiny)[0].model_copy(update={"questionnaire_hash": "sha256:0000"})
    assert compare(tiny, [stale, *teams(tiny)[2:]]).changed_since == 1
    assert compare(tiny, teams(tiny)).changed_since == 0


def test_a_version_keeps_a_dimension_any_of_its_assessments_answered(
    tiny: Questionnaire,
) -> None:
    old_ci = make(tiny, "E", {"ci-builds": 3, "ci-gate": 2}, version="0.9")
    old_both = make(tiny, "F", {"ci-builds": 3, "tracking-runs": 2}, version="0.9")
    result = compare(tiny, [*teams(tiny), old_ci, old_both])
    assert [d.id for d in result.dimensions] == ["ci", "tracking"]
    assert result.left_out == []
    e = next(r for r in result.rows if r.team == "E")
    assert e.cells[1].score is None and e.incomplete


def test_assessments_are_dropped_once_scored(tiny: Questionnaire) -> None:
    """compare() reads an iterator and holds no assessment it has scored: memory does not grow
    with the answers of every team. The same figures as from a list."""
    import gc
    from collections.abc import Iterator

    def live() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, Assessment))

    before = live()
    held = []

    def stream() -> Iterator[Assessment]:
        for n in range(12):
            held.append(live() - before)
            yield make(tiny, f"Team {n}", {"ci-builds": 1 + n % 3, "ci-gate": 1 + n % 2})

    streamed = compare(tiny, stream())
    assert max(held) <= 1  # at most the one being scored
    listed = compare(
        tiny,
        [
            make(tiny, f"Team {n}", {"ci-builds": 1 + n % 3, "ci-gate": 1 + n % 2})
            for n in range(12)
        ],
    )
    assert streamed == listed
    assert streamed.strengths == listed.strengths
