"""The roadmap: a team's gaps as steps people can carry out, one level at a time.

The rule, stated in the report word for word from `PHASE_RULE`:
- every dimension below its target contributes one step per level between the level it has fully
  reached and its target (level 1 → 4 is three steps: 1 → 2, 2 → 3, 3 → 4);
- each phase (a quarter) takes at most one step per dimension, so those three steps land in three
  different phases, in order;
- each phase takes at most `PHASE_SIZE` level steps: dimensions are served in priority order
  (gap × dimension weight, ties in the model's order), the highest first;
- every "don't know" answer becomes a "find out" step in the first phase, on top of those level
  steps: finding out is cheap, and until then the score counts the question as the lowest level.

Each step has an id built from the team, the dimension and the levels (or the question, for "find
out"), so the same step keeps its id when the team is assessed again next quarter.
"""

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from fractions import Fraction
from typing import Literal

from assess.domain.assessment import Assessment
from assess.domain.base import DomainModel
from assess.domain.questionnaire import Dimension, Owner, Questionnaire
from assess.domain.questionnaire import Step as Action
from assess.domain.scoring import DimensionScore, Scorecard

PHASE_SIZE = 3
StepKind = Literal["level", "find-out"]
StepStatus = Literal["new", "open", "done", "dropped"]
PHASE_RULE = (
    "Each phase is one quarter. A dimension below its target needs one step per level between "
    "the level it has fully reached and its target, and takes at most one of those steps per "
    f"phase: a gap of three levels spans three phases. A phase holds at most {PHASE_SIZE} level "
    "steps; dimensions are served in priority order (gap × dimension weight, ties in the model's "
    'order). Every "don\'t know" answer is a "find out" step in the first phase.'
)


class RoadmapStep(DomainModel):
    """One thing to do: move a dimension up one level, or find out the answer to a question."""

    id: str
    """Stable across re-assessments: team, dimension and levels (or question)."""
    kind: StepKind
    phase: int
    """1 is the next quarter."""
    team: str
    area: str
    dimension: str
    """Dimension id."""
    dimension_title: str
    from_level: int | None = None
    to_level: int | None = None
    from_name: str = ""
    to_name: str = ""
    question: str | None = None
    """For 'find out' steps: the question id."""
    summary: str
    """One line, as a backlog item's title."""
    recommendation: str
    """What to do, as one paragraph."""
    actions: list[Action] = []
    """The same as the model's steps, each with its owner (level steps only)."""
    check: str = ""
    """How to tell it worked (the recommendation's 'It worked when ...' sentence)."""
    owner: Owner = "team"
    """Who acts: the organisation when any action of the step needs it, else the team."""
    priority: Fraction
    """The dimension's gap × weight; 0 for 'find out' steps of dimensions at target."""
    gap: Fraction
    """The dimension's target minus its score (0 when not below target)."""
    status: StepStatus = "open"
    """Against an earlier roadmap: 'new' (not in it), 'open' (still to do), 'done' (the level was
    reached or the question answered), 'dropped' (no longer planned: target or model changed)."""


class Roadmap(DomainModel):
    team: str
    questionnaire: str
    assessed_on: str
    """The assessment's date, ISO format."""
    phases: int
    steps: list[RoadmapStep]
    """Steps to do in phase order, then steps of an earlier roadmap now done or dropped."""
    rule: str = PHASE_RULE

    def phase(self, number: int) -> list[RoadmapStep]:
        return [s for s in self.steps if s.phase == number and s.status in ("new", "open")]

    @property
    def closed(self) -> list[RoadmapStep]:
        """Steps of the earlier roadmap that are done or dropped."""
        return [s for s in self.steps if s.status in ("done", "dropped")]


def slug(text: str) -> str:
    """Lowercase ASCII words joined by '-', plus a short hash so different names stay apart."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    return f"{words or 'team'}-{hashlib.sha256(text.encode()).hexdigest()[:6]}"


def level_step_id(team: str, dimension: str, from_level: int, to_level: int) -> str:
    return f"{slug(team)}.{dimension}.{from_level}-{to_level}"


def find_out_step_id(team: str, dimension: str, question: str) -> str:
    return f"{slug(team)}.{dimension}.find-out.{question}"


def step_parts(dimension: Dimension, level: int) -> tuple[list[Action], str, Owner] | None:
    """The actions of the model's recommendation for moving up from level, its 'It worked when'
    check, and who owns the step: the organisation when any action needs it, else the team."""
    found = dimension.recommendation(level)
    if found is None:
        return None
    check = f"It worked when {found.worked_when}" if found.worked_when else ""
    owner: Owner = "organisation" if any(s.owner == "organisation" for s in found.steps) else "team"
    return list(found.steps), check, owner


def _exact(value: float | Fraction | None) -> Fraction:
    if value is None:
        return Fraction(0)
    if isinstance(value, Fraction):
        return value
    # Floats from the scorer (until it computes in fractions) become the fraction they print as.
    return Fraction(value).limit_denominator(10_000)


def _level_steps(
    questionnaire: Questionnaire, team: str, dimension: Dimension, score: DimensionScore
) -> list[RoadmapStep]:
    start = score.level or 1
    steps = []
    for level in range(start, score.target):
        parts = step_parts(dimension, level)
        if parts is None:
            continue
        actions, check, owner = parts
        steps.append(
            RoadmapStep(
                id=level_step_id(team, dimension.id, level, level + 1),
                kind="level",
                phase=0,
                team=team,
                area=score.area,
                dimension=dimension.id,
                dimension_title=dimension.title,
                from_level=level,
                to_level=level + 1,
                from_name=questionnaire.level_name(level),
                to_name=questionnaire.level_name(level + 1),
                summary=f"{dimension.title}: from level {level} "
                f"{questionnaire.level_name(level)} to {level + 1} "
                f"{questionnaire.level_name(level + 1)}",
                recommendation=" ".join(action.text for action in actions),
                actions=actions,
                check=check,
                owner=owner,
                priority=_exact(score.priority),
                gap=max(_exact(score.gap), Fraction(0)),
            )
        )
    return steps


def _phased(queues: list[list[RoadmapStep]]) -> list[RoadmapStep]:
    """Deal the steps into phases: per phase one step of each dimension, at most PHASE_SIZE."""
    placed: list[RoadmapStep] = []
    pending = [list(q) for q in queues if q]
    phase = 0
    while pending:
        phase += 1
        for queue in pending[:PHASE_SIZE]:
            placed.append(queue.pop(0).model_copy(update={"phase": phase}))
        pending = [q for q in pending if q]
    return placed


def _find_out_steps(
    questionnaire: Questionnaire, assessment: Assessment, card: Scorecard
) -> list[RoadmapStep]:
    steps = []
    for area, dimension in questionnaire.dimensions():
        score = card.dimension(dimension.id)
        if score.scoped_out:
            # Scoped out: its answers count nowhere, so there is nothing to find out.
            continue
        for question in dimension.questions:
            if assessment.answer(question.id).skip != "dont-know":
                continue
            steps.append(
                RoadmapStep(
                    id=find_out_step_id(assessment.team, dimension.id, question.id),
                    kind="find-out",
                    phase=1,
                    team=assessment.team,
                    area=area.id,
                    dimension=dimension.id,
                    dimension_title=dimension.title,
                    question=question.id,
                    summary=f"{dimension.title}: find out: {question.text}",
                    recommendation=(
                        f'Answer the question "{question.text}" for the team. '
                        + (
                            f"What would show it: {'; '.join(question.evidence)}. "
                            if question.evidence
                            else ""
                        )
                        + "Until then the score counts it as the lowest level."
                    ),
                    check="It worked when the question has an answer backed by evidence.",
                    priority=_exact(score.priority),
                    gap=max(_exact(score.gap), Fraction(0)),
                )
            )
    return steps


def build_roadmap(questionnaire: Questionnaire, assessment: Assessment, card: Scorecard) -> Roadmap:
    """The roadmap of one assessment, by the rule in PHASE_RULE."""
    by_id = {d.id: d for _, d in questionnaire.dimensions()}
    queues = [
        _level_steps(questionnaire, assessment.team, by_id[gap.dimension], gap) for gap in card.gaps
    ]
    steps = _find_out_steps(questionnaire, assessment, card) + _phased(queues)
    steps.sort(key=lambda s: s.phase)  # stable: find-out steps first within phase 1
    return Roadmap(
        team=assessment.team,
        questionnaire=questionnaire.id,
        assessed_on=assessment.date.isoformat(),
        phases=max((s.phase for s in steps), default=0),
        steps=steps,
    )


def since(
    current: Roadmap,
    earlier: Iterable[RoadmapStep],
    assessment: Assessment,
    card: Scorecard,
) -> Roadmap:
    """The current roadmap against an earlier one, so an import updates instead of duplicating.

    Steps the earlier roadmap lacked are 'new', steps in both 'open'. An earlier step missing now
    is 'done' when its level was reached (or its question answered) and 'dropped' otherwise (the
    target or the model changed)."""
    before = {s.id: s for s in earlier if s.status not in ("done", "dropped")}
    now_ids = {s.id for s in current.steps}
    steps = [
        s.model_copy(update={"status": "open" if s.id in before else "new"}) for s in current.steps
    ]
    for step in before.values():
        if step.id not in now_ids:
            status = "done" if _reached(step, assessment, card) else "dropped"
            steps.append(step.model_copy(update={"status": status}))
    return current.model_copy(update={"steps": steps})


def _reached(step: RoadmapStep, assessment: Assessment, card: Scorecard) -> bool:
    if step.kind == "find-out":
        answer = assessment.answer(step.question or "")
        return answer.is_answered and answer.skip != "dont-know"
    known = [d for d in card.dimensions if d.dimension == step.dimension]
    level = known[0].level if known else None
    return level is not None and step.to_level is not None and level >= step.to_level
