"""The roadmap as display values, shared by the gap report and the backlog exports."""

from dataclasses import dataclass
from fractions import Fraction

from assess.domain.roadmap import Roadmap, RoadmapStep

OWNERS = {"team": "Team", "organisation": "Organisation"}


def priority_figure(value: Fraction) -> str:
    """Priority as the report prints it: one decimal."""
    return f"{float(value):.1f}"


@dataclass(frozen=True)
class StepView:
    id: str
    kind: str
    """'level' or 'find-out'."""
    dimension: str
    """The dimension's title."""
    anchor: str
    """The dimension's section in the gap report."""
    move: str
    """'Level 1 Initial → 2 Managed', or 'Find out'."""
    summary: str
    recommendation: str
    check: str
    owner: str
    """'Team' or 'Organisation'."""
    priority: str
    status: str


@dataclass(frozen=True)
class PhaseView:
    number: int
    name: str
    steps: list[StepView]


def phase_name(number: int) -> str:
    if number == 1:
        return "Phase 1: next quarter"
    if number == 2:
        return "Phase 2: the quarter after"
    return f"Phase {number}: quarter {number}"


def step_view(step: RoadmapStep) -> StepView:
    move = "Find out"
    if step.kind == "level":
        move = f"Level {step.from_level} {step.from_name} → {step.to_level} {step.to_name}"
    return StepView(
        id=step.id,
        kind=step.kind,
        dimension=step.dimension_title,
        anchor=f"dim-{step.dimension}",
        move=move,
        summary=step.summary,
        recommendation=step.recommendation,
        check=step.check,
        owner=OWNERS[step.owner],
        priority=priority_figure(step.priority),
        status=step.status,
    )


def phase_views(roadmap: Roadmap) -> list[PhaseView]:
    return [
        PhaseView(number=n, name=phase_name(n), steps=[step_view(s) for s in roadmap.phase(n)])
        for n in range(1, roadmap.phases + 1)
    ]
