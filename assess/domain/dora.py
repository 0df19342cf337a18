"""Place a team's DORA delivery answers at the nearest cluster of the 2024 State of DevOps report.

Every metric is put on one scale from 0 to 1 before distances are taken, so that each metric's
whole range weighs the same and no unit (bucket steps, percentage points) outweighs the others:
a time bucket b of DORA's six-bucket answer scale becomes (b - 1) / 5, a change fail rate of p%
becomes p / 100. The team is placed at the cluster whose published profile is nearest in
Euclidean distance over the metrics it answered, taken together. Squared distances are compared
as exact fractions, and a tie goes to the lower cluster, so the placement never flatters.

At least three of the four metrics must be answered ("don't know" counts as unanswered);
otherwise the team is not placed, and the missing metrics are named.
"""

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Literal

from assess.domain.base import DomainModel
from assess.domain.questionnaire import DoraMetric

ClusterName = Literal["low", "medium", "high", "elite"]
SOURCE = "DORA, Accelerate State of DevOps Report 2024"
BENCHMARK = (
    "the 2024 benchmark clusters of DORA's State of DevOps report "
    "(the 2025 report replaced clusters with team archetypes)"
)
METRICS: tuple[DoraMetric, ...] = (
    "deployment-frequency",
    "lead-time",
    "change-fail-rate",
    "recovery-time",
)
MINIMUM_METRICS = 3
"""Fewer answered metrics leave too little of the profile to place a team."""
BUCKETS = 6
"""DORA's time answers: 1 (slowest) to 6 (fastest)."""

# Bucket positions count 1 (slowest) to 6 (fastest); change fail rate is a percentage.
CLUSTERS_2024: dict[ClusterName, dict[DoraMetric, int]] = {
    "low": {"deployment-frequency": 2, "lead-time": 2, "change-fail-rate": 40, "recovery-time": 3},
    "medium": {
        "deployment-frequency": 3,
        "lead-time": 3,
        "change-fail-rate": 10,
        "recovery-time": 5,
    },
    "high": {"deployment-frequency": 4, "lead-time": 4, "change-fail-rate": 20, "recovery-time": 5},
    "elite": {"deployment-frequency": 6, "lead-time": 5, "change-fail-rate": 5, "recovery-time": 6},
}
ORDER: tuple[ClusterName, ...] = ("low", "medium", "high", "elite")


def scaled(metric: DoraMetric, value: float | Fraction) -> Fraction:
    """The value on the common 0..1 scale: bucket b -> (b - 1) / 5, a rate of p% -> p / 100.

    The decimal as written is taken exactly (0.35 is 35/100, not the nearest binary float)."""
    exact = value if isinstance(value, Fraction) else Fraction(str(value))
    if metric == "change-fail-rate":
        return exact / 100
    return (exact - 1) / (BUCKETS - 1)


def squared_distances(values: Mapping[DoraMetric, float | Fraction]) -> dict[ClusterName, Fraction]:
    """Exact squared distance from the answered metrics to each cluster's profile."""
    team = {metric: scaled(metric, value) for metric, value in values.items()}
    return {
        name: sum(((team[m] - scaled(m, CLUSTERS_2024[name][m])) ** 2 for m in team), Fraction(0))
        for name in ORDER
    }


class DoraPlacement(DomainModel):
    """Where the team's delivery performance sits among DORA's 2024 clusters."""

    cluster: ClusterName | None
    """The nearest cluster; None when too few metrics are answered to place the team."""
    distances: dict[ClusterName, float]
    """Distance to each cluster's profile on the 0..1 scale (empty when not placed)."""
    positions: dict[str, float]
    """The answered metrics on the 0..1 scale."""
    missing: list[str]
    """Metrics left out: unanswered, not applicable, 'don't know' or not asked."""
    source: str = SOURCE
    """Where the cluster profiles come from."""
    benchmark: str = BENCHMARK
    """What the clusters are, for readers who know DORA's later reports."""

    @property
    def placed(self) -> bool:
        return self.cluster is not None

    def label(self) -> str:
        """One word or two for a table cell: the cluster, or 'not placed'."""
        return self.cluster or "not placed"

    def describe(self) -> str:
        """The placement in one line: 'high (distance 0.80; without lead-time)' or why not."""
        without = ", ".join(self.missing)
        if self.cluster is None:
            answered = len(METRICS) - len(self.missing)
            return (
                f"not placed: {answered} of {len(METRICS)} delivery metrics answered, at least "
                f"{MINIMUM_METRICS} needed (missing {without})"
            )
        detail = f"distance {self.distances[self.cluster]:.2f}"
        return f"{self.cluster} ({detail}{f'; without {without}' if without else ''})"


def place(values: Mapping[DoraMetric, float | Fraction]) -> DoraPlacement:
    """The placement of the answered metrics (a metric absent from values is unanswered)."""
    missing = [metric for metric in METRICS if metric not in values]
    shown = {
        metric: float(scaled(metric, values[metric])) for metric in METRICS if metric in values
    }
    if len(values) < MINIMUM_METRICS:
        return DoraPlacement(cluster=None, distances={}, positions=shown, missing=missing)
    squared = squared_distances(values)
    nearest = min(squared.values())
    cluster = next(name for name in ORDER if squared[name] == nearest)  # ties: the lower one
    return DoraPlacement(
        cluster=cluster,
        distances={name: math.sqrt(squared[name]) for name in ORDER},
        positions=shown,
        missing=missing,
    )
