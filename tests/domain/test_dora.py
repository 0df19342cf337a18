"""DORA placement at the nearest 2024 cluster, every distance computed by hand.

On the 0..1 scale (bucket b -> (b - 1) / 5, fail rate p% -> p / 100) the cluster profiles are,
in the order deployment frequency, lead time, change fail rate, recovery time:
low (0.2, 0.2, 0.40, 0.4), medium (0.4, 0.4, 0.10, 0.8), high (0.6, 0.6, 0.20, 0.8),
elite (1.0, 0.8, 0.05, 1.0).
"""

from fractions import Fraction

import pytest

from assess.domain.dora import CLUSTERS_2024, ORDER, place, scaled, squared_distances


def test_the_scale_maps_each_metric_onto_0_to_1() -> None:
    assert scaled("lead-time", 1) == 0
    assert scaled("lead-time", 6) == 1
    assert scaled("deployment-frequency", 4) == Fraction(3, 5)
    assert scaled("change-fail-rate", 0) == 0
    assert scaled("change-fail-rate", 100) == 1
    # The decimal as written, not the binary float nearest to it.
    assert scaled("change-fail-rate", 0.35) == Fraction(35, 10000)


@pytest.mark.parametrize("cluster", ORDER)
def test_each_clusters_own_profile_places_there_at_distance_zero(cluster: str) -> None:
    placement = place(CLUSTERS_2024[cluster])  # type: ignore[index]
    assert placement.cluster == cluster
    assert placement.distances[cluster] == 0
    assert all(d > 0 for name, d in placement.distances.items() if name != cluster)
    assert placement.missing == []


def test_distances_from_the_low_profile() -> None:
    # To medium: 0.2² + 0.2² + 0.3² + 0.4² = 0.04 + 0.04 + 0.09 + 0.16 = 0.33
    # To high:   0.4² + 0.4² + 0.2² + 0.4² = 0.16 + 0.16 + 0.04 + 0.16 = 0.52
    # To elite:  0.8² + 0.6² + 0.35² + 0.6² = 0.64 + 0.36 + 0.1225 + 0.36 = 1.4825
    assert squared_distances(CLUSTERS_2024["low"]) == {
        "low": 0,
        "medium": Fraction(33, 100),
        "high": Fraction(52, 100),
        "elite": Fraction(14825, 10000),
    }


def test_elite_speed_and_low_stability_is_nearest_to_high() -> None:
    # Team (1.0, 1.0, 0.60, 0.4):
    # low    0.64 + 0.64 + 0.04   + 0    = 1.32
    # medium 0.36 + 0.36 + 0.25   + 0.16 = 1.13
    # high   0.16 + 0.16 + 0.16   + 0.16 = 0.64  -> distance 0.8
    # elite  0    + 0.04 + 0.3025 + 0.36 = 0.7025
    values = {"deployment-frequency": 6, "lead-time": 6, "change-fail-rate": 60, "recovery-time": 3}
    assert squared_distances(values) == {  # type: ignore[arg-type]
        "low": Fraction(132, 100),
        "medium": Fraction(113, 100),
        "high": Fraction(64, 100),
        "elite": Fraction(7025, 10000),
    }
    placement = place(values)  # type: ignore[arg-type]
    assert placement.cluster == "high"
    assert placement.distances["high"] == pytest.approx(0.8)
    assert placement.positions == {
        "deployment-frequency": 1.0,
        "lead-time": 1.0,
        "change-fail-rate": 0.6,
        "recovery-time": 0.4,
    }


def test_one_metric_per_cluster_is_placed_by_the_whole_profile() -> None:
    # Votes would give one each and so "low"; three of four metrics are medium or better.
    # Team (0.2, 0.4, 0.20, 1.0):
    # low    0    + 0.04 + 0.04   + 0.36 = 0.44
    # medium 0.04 + 0    + 0.01   + 0.04 = 0.09
    # high   0.16 + 0.04 + 0      + 0.04 = 0.24
    # elite  0.64 + 0.16 + 0.0225 + 0    = 0.8225
    values = {"deployment-frequency": 2, "lead-time": 3, "change-fail-rate": 20, "recovery-time": 6}
    assert squared_distances(values)["medium"] == Fraction(9, 100)  # type: ignore[arg-type]
    assert place(values).cluster == "medium"  # type: ignore[arg-type]


def test_three_metrics_are_enough_and_the_fourth_is_named() -> None:
    # Lead time missing; team (1.0, -, 0.60, 0.4):
    # low 0.64 + 0.04 + 0 = 0.68, medium 0.36 + 0.25 + 0.16 = 0.77,
    # high 0.16 + 0.16 + 0.16 = 0.48, elite 0 + 0.3025 + 0.36 = 0.6625
    values = {"deployment-frequency": 6, "change-fail-rate": 60, "recovery-time": 3}
    assert squared_distances(values) == {  # type: ignore[arg-type]
        "low": Fraction(68, 100),
        "medium": Fraction(77, 100),
        "high": Fraction(48, 100),
        "elite": Fraction(6625, 10000),
    }
    placement = place(values)  # type: ignore[arg-type]
    assert placement.cluster == "high"
    assert placement.missing == ["lead-time"]
    assert placement.describe() == "high (distance 0.69; without lead-time)"  # √0.48 = 0.693


@pytest.mark.parametrize(
    "values",
    [
        {"change-fail-rate": 3},
        {"deployment-frequency": 6},
        {"deployment-frequency": 6, "change-fail-rate": 3},
        {},
    ],
)
def test_fewer_than_three_metrics_are_not_placed(values: dict[str, float]) -> None:
    placement = place(values)  # type: ignore[arg-type]
    assert placement.cluster is None
    assert not placement.placed
    assert placement.distances == {}
    assert placement.label() == "not placed"
    assert len(placement.missing) == 4 - len(values)


def test_not_placed_names_the_missing_metrics() -> None:
    placement = place({"deployment-frequency": 6, "change-fail-rate": 3})
    assert placement.missing == ["lead-time", "recovery-time"]
    assert placement.describe() == (
        "not placed: 2 of 4 delivery metrics answered, at least 3 needed "
        "(missing lead-time, recovery-time)"
    )


def test_a_tie_goes_to_the_lower_cluster() -> None:
    # Team (0.6, 0.4, -, 0.8): medium 0.2² = 0.04, high 0.2² = 0.04.
    values = {"deployment-frequency": 4, "lead-time": 3, "recovery-time": 5}
    squared = squared_distances(values)  # type: ignore[arg-type]
    assert squared["medium"] == squared["high"] == Fraction(4, 100)
    assert place(values).cluster == "medium"  # type: ignore[arg-type]


def test_a_tie_that_floats_would_break_is_kept_exact() -> None:
    # Team (0.6, 0.4, 0.15, 0.8): medium 0.04 + 0.0025 = 0.0425, high 0.04 + 0.0025 = 0.0425.
    # In binary floats (0.15 - 0.1)² and (0.15 - 0.2)² differ, which would pick a side.
    assert (0.15 - 0.1) ** 2 != (0.15 - 0.2) ** 2
    values = {"deployment-frequency": 4, "lead-time": 3, "change-fail-rate": 15, "recovery-time": 5}
    squared = squared_distances(values)  # type: ignore[arg-type]
    assert squared["medium"] == squared["high"] == Fraction(425, 10000)
    assert place(values).cluster == "medium"  # type: ignore[arg-type]


def test_the_clusters_are_labelled_as_the_2024_benchmark() -> None:
    placement = place(CLUSTERS_2024["high"])
    assert "2024" in placement.source
    assert "2024 benchmark" in placement.benchmark
    assert "2025" in placement.benchmark and "archetypes" in placement.benchmark


def test_the_worked_example_of_the_question_bank() -> None:
    # docs/question-bank.md: (0.2, 0.4, 0.18, 1.0), one answer near each cluster.
    values = {"deployment-frequency": 2, "lead-time": 3, "change-fail-rate": 18, "recovery-time": 6}
    assert squared_distances(values) == {  # type: ignore[arg-type]
        "low": Fraction(4484, 10000),
        "medium": Fraction(864, 10000),
        "high": Fraction(2404, 10000),
        "elite": Fraction(8169, 10000),
    }
    assert place(values).cluster == "medium"  # type: ignore[arg-type]
