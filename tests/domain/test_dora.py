"""DORA cluster placement (2024 thresholds), computed by hand."""

import pytest

from assess.domain.dora import nearest_clusters, place


@pytest.mark.parametrize(
    ("values", "cluster"),
    [
        # every metric nearest to elite
        (
            {"deployment-frequency": 6, "lead-time": 6, "change-fail-rate": 3, "recovery-time": 6},
            "elite",
        ),
        # recovery < 1 day is shared by high and medium; high has 4 votes, medium 1
        (
            {"deployment-frequency": 4, "lead-time": 4, "change-fail-rate": 18, "recovery-time": 5},
            "high",
        ),
        # recovery one day-one week is one step from low, medium and high alike
        (
            {"deployment-frequency": 3, "lead-time": 3, "change-fail-rate": 8, "recovery-time": 4},
            "medium",
        ),
        (
            {"deployment-frequency": 1, "lead-time": 2, "change-fail-rate": 50, "recovery-time": 2},
            "low",
        ),
        # two votes elite, two votes low: the tie goes to the lower cluster
        (
            {"deployment-frequency": 6, "lead-time": 2, "change-fail-rate": 40, "recovery-time": 6},
            "low",
        ),
    ],
)
def test_placement(values: dict[str, float], cluster: str) -> None:
    placement = place(values)  # type: ignore[arg-type]
    assert placement is not None
    assert placement.cluster == cluster
    assert placement.missing == []
    assert "2024" in placement.source


def test_nearest_cluster_of_a_change_fail_rate_between_two_clusters() -> None:
    assert nearest_clusters("change-fail-rate", 15) == ["medium", "high"]


def test_missing_metrics_are_named_and_nothing_answered_gives_none() -> None:
    placement = place({"deployment-frequency": 6})
    assert placement is not None
    assert placement.cluster == "elite"
    assert placement.missing == ["lead-time", "change-fail-rate", "recovery-time"]
    assert placement.describe() == "elite (without lead-time, change-fail-rate, recovery-time)"
    assert place({}) is None
