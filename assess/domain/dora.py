"""Place a team's four DORA delivery answers in the clusters of the 2024 State of DevOps report.

Each metric votes for the cluster(s) whose published value it is nearest to (time buckets in
steps of DORA's six-bucket scale, change fail rate in percentage points). The team is placed in
the cluster with most votes; a tie goes to the lower cluster, so the placement never flatters.
"""

from typing import Literal

from assess.domain.base import DomainModel
from assess.domain.questionnaire import DoraMetric

ClusterName = Literal["low", "medium", "high", "elite"]
SOURCE = "DORA, Accelerate State of DevOps Report 2024"
METRICS: tuple[DoraMetric, ...] = (
    "deployment-frequency",
    "lead-time",
    "change-fail-rate",
    "recovery-time",
)

# Bucket positions count 1 (slowest) to 6 (fastest); change fail rate is a percentage.
CLUSTERS_2024: dict[ClusterName, dict[DoraMetric, float]] = {
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


class DoraPlacement(DomainModel):
    """Where the team's delivery performance sits among DORA's clusters."""

    cluster: ClusterName
    """The cluster with most metric votes; ties go to the lower cluster."""
    per_metric: dict[str, list[ClusterName]]
    """For each answered metric, the cluster(s) it is nearest to."""
    missing: list[str]
    """Metrics left out: unanswered, not applicable or 'don't know'."""
    source: str = SOURCE
    """Where the cluster thresholds come from."""

    def describe(self) -> str:
        """The cluster, naming the metrics it was placed without: 'high (without lead-time)'."""
        return self.cluster + (f" (without {', '.join(self.missing)})" if self.missing else "")


def nearest_clusters(metric: DoraMetric, value: float) -> list[ClusterName]:
    distances = {name: abs(CLUSTERS_2024[name][metric] - value) for name in ORDER}
    best = min(distances.values())
    return [name for name in ORDER if distances[name] == best]


def place(values: dict[DoraMetric, float]) -> DoraPlacement | None:
    """The placement for the answered metrics, or None when none is answered."""
    if not values:
        return None
    votes = dict.fromkeys(ORDER, 0)
    per_metric: dict[str, list[ClusterName]] = {}
    for metric in METRICS:
        if metric in values:
            nearest = nearest_clusters(metric, values[metric])
            per_metric[metric] = nearest
            for name in nearest:
                votes[name] += 1
    most = max(votes.values())
    cluster = next(name for name in ORDER if votes[name] == most)
    missing = [metric for metric in METRICS if metric not in values]
    return DoraPlacement(cluster=cluster, per_metric=per_metric, missing=missing)
