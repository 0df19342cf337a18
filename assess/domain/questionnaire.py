"""A maturity model (questionnaire) as data: areas hold dimensions, dimensions hold questions.

The field docstrings document the YAML format for questionnaire authors and feed `assess schema`.
"""

from collections.abc import Iterator
from typing import Literal

from pydantic import Field, field_validator, model_validator

from assess.domain.base import DomainModel

Id = str
ScoringMethod = Literal["weighted-mean", "ml-test-score"]
DoraMetric = Literal["deployment-frequency", "lead-time", "change-fail-rate", "recovery-time"]
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


class Reference(DomainModel):
    """A source the model draws on."""

    title: str = Field(min_length=1)
    """Title of the source, with authors or publisher."""
    url: str = ""
    """Where to find it."""


class LevelDefinition(DomainModel):
    """One step of the maturity ladder, shared by every dimension."""

    level: int = Field(ge=1)
    """The level's number, counting from 1."""
    name: str = Field(min_length=1)
    """Short name, e.g. 'Initial'."""
    description: str = Field(min_length=1)
    """What this level means in general."""


class Choice(DomainModel):
    """One answer a team can give to a question."""

    text: str = Field(min_length=1)
    """The answer as the team reads it: an observable fact, not an opinion."""
    level: int | None = None
    """The maturity level this answer shows (weighted-mean scoring)."""
    points: float | None = Field(default=None, ge=0)
    """Points this answer earns (ml-test-score scoring: 0, 0.5 or 1)."""
    dora_value: float | None = None
    """For DORA delivery questions: the answer's position on DORA's scale. Time buckets count 1
    (slowest) to 6 (fastest); change fail rate is a percentage."""


class Question(DomainModel):
    """One question about a practice."""

    id: Id = Field(pattern=ID_PATTERN)
    """Unique across the whole questionnaire; answers are stored under it."""
    text: str = Field(min_length=1)
    """The question."""
    help: str = ""
    """What the question means and how to pick an answer."""
    evidence: list[str] = []
    """What would prove the answer: a file, a dashboard, a report."""
    weight: float = Field(default=1.0, gt=0)
    """Weight of this question within its dimension."""
    allow_not_applicable: bool = False
    """Whether 'not applicable' may be answered (e.g. a team without ML models)."""
    dora: DoraMetric | None = None
    """Marks the question as one of DORA's delivery metrics, for the DORA cluster."""
    choices: list[Choice]
    """The possible answers, from least to most mature."""

    @field_validator("choices")
    @classmethod
    def _at_least_two(cls, choices: list[Choice]) -> list[Choice]:
        if len(choices) < 2:
            raise ValueError("at least two choices are needed")
        return choices


class Dimension(DomainModel):
    """A practice whose maturity is scored, such as continuous integration."""

    id: Id = Field(pattern=ID_PATTERN)
    """Unique across the questionnaire."""
    title: str = Field(min_length=1)
    """Name shown in screens and reports."""
    description: str = ""
    """What the dimension covers."""
    weight: float = Field(default=1.0, gt=0)
    """Weight of the dimension in its area's and the overall score."""
    target: int = 3
    """The default target level; a team may set its own."""
    levels: dict[int, str]
    """What each level looks like for this practice, in observable terms."""
    recommendations: dict[int, str]
    """How to move up from each level below the top: what to adopt, in what order, how to tell
    it worked."""
    questions: list[Question] = Field(min_length=1)
    """The questions that measure this dimension."""


class Area(DomainModel):
    """A group of dimensions, e.g. DevOps or MLOps."""

    id: Id = Field(pattern=ID_PATTERN)
    """Unique across the questionnaire."""
    title: str = Field(min_length=1)
    """Name shown in screens and reports."""
    description: str = ""
    """What the area covers."""
    dimensions: list[Dimension] = Field(min_length=1)
    """The dimensions in this area."""


class Questionnaire(DomainModel):
    """A maturity model: levels, scoring method, and areas of dimensions of questions."""

    id: Id = Field(pattern=ID_PATTERN)
    """Identifier; by convention the file's name without .yaml."""
    title: str = Field(min_length=1)
    """Name shown in screens and reports."""
    version: str = Field(min_length=1)
    """Version of the model; bump it when questions change."""
    description: str = ""
    """What the model assesses and for whom."""
    references: list[Reference] = []
    """Sources the model draws on."""
    levels: list[LevelDefinition] = Field(min_length=2)
    """The maturity ladder, numbered 1, 2, 3, ... in order."""
    scoring: ScoringMethod = "weighted-mean"
    """How answers become scores: 'weighted-mean' (levels) or 'ml-test-score' (points)."""
    areas: list[Area] = Field(min_length=1)
    """The areas, each holding dimensions."""

    @property
    def top_level(self) -> int:
        return len(self.levels)

    def dimensions(self) -> Iterator[tuple[Area, Dimension]]:
        for area in self.areas:
            for dimension in area.dimensions:
                yield area, dimension

    def questions(self) -> Iterator[tuple[Dimension, Question]]:
        for _, dimension in self.dimensions():
            for question in dimension.questions:
                yield dimension, question

    def level_name(self, level: int) -> str:
        return self.levels[level - 1].name

    @model_validator(mode="after")
    def _check_cross_field_rules(self) -> "Questionnaire":
        problems = list(_cross_field_problems(self))
        if problems:
            raise CrossFieldErrors(problems)
        return self


class CrossFieldErrors(ValueError):
    """Several rule violations at once, each with the location it concerns."""

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]) -> None:
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


def _cross_field_problems(q: Questionnaire) -> Iterator[tuple[tuple[str | int, ...], str]]:
    numbers = [definition.level for definition in q.levels]
    if numbers != list(range(1, len(numbers) + 1)):
        yield ("levels",), "levels must be numbered 1, 2, 3, ... in order"
    top = len(q.levels)
    seen: dict[str, tuple[str | int, ...]] = {}

    def unique(
        kind: str, ident: str, where: tuple[str | int, ...]
    ) -> Iterator[tuple[tuple[str | int, ...], str]]:
        if ident in seen:
            yield (*where, "id"), f"{kind} id '{ident}' is used twice"
        else:
            seen[ident] = where

    for a, area in enumerate(q.areas):
        yield from unique("area", area.id, ("areas", a))
        for d, dim in enumerate(area.dimensions):
            where = ("areas", a, "dimensions", d)
            yield from unique("dimension", dim.id, where)
            if not 1 <= dim.target <= top:
                yield (*where, "target"), f"target {dim.target} is outside levels 1-{top}"
            outside = sorted(n for n in dim.levels if not 1 <= n <= top)
            if outside:
                yield (*where, "levels"), f"level {outside[0]} is outside levels 1-{top}"
            missing = [n for n in range(1, top + 1) if n not in dim.levels]
            if missing:
                yield (*where, "levels"), f"no description for level {missing[0]}"
            below_top = [n for n in range(1, top) if n not in dim.recommendations]
            if below_top:
                yield (
                    (*where, "recommendations"),
                    f"no recommendation for moving up from level {below_top[0]}",
                )
            extra = sorted(n for n in dim.recommendations if not 1 <= n < top)
            if extra:
                yield (
                    (*where, "recommendations"),
                    f"level {extra[0]} needs no recommendation: "
                    f"only levels 1-{top - 1} can move up",
                )
            for i, question in enumerate(dim.questions):
                qwhere = (*where, "questions", i)
                yield from unique("question", question.id, qwhere)
                yield from _choice_problems(q.scoring, top, question, qwhere)


def _choice_problems(
    scoring: ScoringMethod, top: int, question: Question, where: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for c, choice in enumerate(question.choices):
        cwhere = (*where, "choices", c)
        if scoring == "weighted-mean":
            if choice.level is None:
                yield (*cwhere, "level"), "every choice needs a level with weighted-mean scoring"
            elif not 1 <= choice.level <= top:
                yield (*cwhere, "level"), f"level {choice.level} is outside levels 1-{top}"
        elif choice.points is None:
            yield (*cwhere, "points"), "every choice needs points with ml-test-score scoring"
        if question.dora is not None and choice.dora_value is None:
            yield (*cwhere, "dora_value"), "choices of a DORA question need a dora_value"
    texts = [choice.text for choice in question.choices]
    for c, text in enumerate(texts):
        if text in texts[:c]:
            yield (*where, "choices", c, "text"), f"choice text '{text}' appears twice"
