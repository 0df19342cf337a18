"""A maturity model (questionnaire) as data: areas hold dimensions, dimensions hold questions.

The field docstrings document the YAML format for questionnaire authors and feed `assess schema`.
"""

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from assess.domain.base import DomainModel, empty_list_field
from assess.domain.detection import Rule, choice_id, rule_problems

Id = str
ScoringMethod = Literal["weighted-mean", "ml-test-score"]
DoraMetric = Literal["deployment-frequency", "lead-time", "change-fail-rate", "recovery-time"]
Owner = Literal["team", "organisation"]
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
DROPPED = "dropped"
"""In a version mapping: the old question has no counterpart in this version."""
ML_TEST_SCORE_LEVELS = 5
"""The ML Test Score's six bands map onto a five-step ladder; other ladders have no such map."""


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


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def choice_id_from_text(text: str) -> str:
    """The id of a choice whose author wrote none: its text made into a slug ('51-75%' ->
    '51-75'), so that reordering or inserting choices never moves an answer."""
    # Accents go ('é' -> 'e'); any other character, a dash or '%' alike, separates words.
    letters = text.lower()
    if not letters.isascii():  # (ASCII text has nothing to decompose: most choices, quickly)
        decomposed = unicodedata.normalize("NFKD", letters)
        letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _NOT_SLUG.sub("-", letters).strip("-")
    return slug or "choice"


class Choice(DomainModel):
    """One answer a team can give to a question."""

    id: Id = Field(default="", pattern=r"^$|" + ID_PATTERN)
    """Stable identifier that answers are stored under; unique within the question. When left
    out it is derived from the text, so write one before rewording a choice that teams have
    already answered."""
    text: str = Field(min_length=1)
    """The answer as the team reads it: an observable fact, not an opinion."""
    level: int | None = None
    """The maturity level this answer shows (weighted-mean scoring)."""
    points: float | None = Field(default=None, ge=0)
    """Points this answer earns (ml-test-score scoring: 0, 0.5 or 1)."""
    dora_value: float | None = None
    """For DORA delivery questions: the answer's position on DORA's scale. Time buckets count 1
    (slowest) to 6 (fastest); change fail rate is a percentage."""
    # Left out of the questionnaire's hash: rules change what a scan suggests, not what an
    # answer means, so editing them must not flag every assessment as made on another model.
    detect: list[Rule] = empty_list_field(exclude=True)
    """Detection rules whose match suggests this choice (see the question's `detect`)."""

    @model_validator(mode="before")
    @classmethod
    def _derive_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id") and isinstance(data.get("text"), str):
            return {**data, "id": choice_id_from_text(data["text"])}
        return data


class ScopeOut(DomainModel):
    """Lets a team declare a whole area or dimension not applicable, once, with a reason."""

    question: str = Field(min_length=1)
    """The yes/no question a team answers 'no' to, e.g. 'Does this team build ML models?'."""
    reason: str = Field(min_length=1)
    """The reason recorded when the team scopes it out (offered as the default, editable),
    e.g. 'this team builds no ML models'."""


class Step(DomainModel):
    """One action of a recommendation, with who can carry it out."""

    text: str = Field(min_length=1)
    """What to do, small enough to start within a week or two."""
    owner: Owner = "team"
    """Who acts: 'team' (the team assessed can do it alone) or 'organisation' (it needs a
    platform, security or governance function, or a decision above the team)."""


class Recommendation(DomainModel):
    """How to move up one level: steps in order, and how to tell that it worked."""

    steps: list[Step] = Field(min_length=1)
    """The actions, in the order to take them."""
    worked_when: str = ""
    """An observable check that the level was reached, completing 'It worked when ...'."""

    @property
    def text(self) -> str:
        """The whole recommendation as one paragraph."""
        steps = " ".join(step.text for step in self.steps)
        return f"{steps} It worked when {self.worked_when}" if self.worked_when else steps


def as_recommendation(value: "Recommendation | str") -> Recommendation:
    """A recommendation written as plain text is one step the team owns."""
    if isinstance(value, Recommendation):
        return value
    text, marker, check = value.partition(" It worked when ")
    if not marker or not text.strip():
        return Recommendation(steps=[Step(text=value)])
    return Recommendation(steps=[Step(text=text.strip())], worked_when=check.strip())


UNION_TAGS = ("structured-form", "text-form")
"""Names pydantic puts in error locations for the form chosen; error messages leave them out."""


def _recommendation_form(value: Any) -> str:
    return UNION_TAGS[1] if isinstance(value, str) else UNION_TAGS[0]


# Tagged so that a mistake in either form is reported once, in that form's terms.
RecommendationField = Annotated[
    Annotated[Recommendation, Tag(UNION_TAGS[0])] | Annotated[str, Tag(UNION_TAGS[1])],
    Discriminator(_recommendation_form),
]


class Question(DomainModel):
    """One question about a practice."""

    id: Id = Field(pattern=ID_PATTERN)
    """Unique across the whole questionnaire; answers are stored under it."""
    text: str = Field(min_length=1)
    """The question."""
    help: str = ""
    """What the question means and how to pick an answer."""
    evidence: list[str] = empty_list_field()
    """What would prove the answer: a file, a dashboard, a report."""
    weight: float = Field(default=1.0, gt=0)
    """Weight of this question within its dimension."""
    allow_not_applicable: bool = False
    """Whether 'not applicable' may be answered (e.g. a team without ML models)."""
    gate: bool = False
    """A coverage question (weighted-mean only): the level of its answer is a ceiling on the
    dimension's score instead of a term in its mean, so breadth alone never makes a practice
    mature while low coverage keeps it from counting as mature. Its last choice must reach the
    top level, so that full coverage limits nothing."""
    weight_reason: str = ""
    """Why the question weighs more or less than 1, in a sentence (shown to model authors)."""
    dora: DoraMetric | None = None
    """Marks the question as one of DORA's delivery metrics, for the DORA cluster."""
    choices: list[Choice]
    """The possible answers, from least to most mature."""
    detect: list[Rule] = empty_list_field(exclude=True)
    """Detection rules: what in a team's repositories suggests an answer or adds evidence."""

    @field_validator("choices")
    @classmethod
    def _at_least_two(cls, choices: list[Choice]) -> list[Choice]:
        if len(choices) < 2:
            raise ValueError("at least two choices are needed")
        return choices

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


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
    recommendations: dict[int, RecommendationField]
    """How to move up from each level below the top: what to adopt, in what order, how to tell
    it worked. Either plain text (one step the team owns) or steps with their owners and a
    'worked_when' check."""
    scope_out: ScopeOut | None = None
    """When set, a team may declare this dimension not applicable once, with a reason; its
    questions are then skipped and it is shown as scoped out, never as a score."""
    questions: list[Question] = Field(min_length=1)
    """The questions that measure this dimension."""

    def recommendation(self, level: int) -> Recommendation | None:
        """How to move up from `level`, in the structured form whichever way it was written."""
        value = self.recommendations.get(level)
        return None if value is None else as_recommendation(value)


class Area(DomainModel):
    """A group of dimensions, e.g. DevOps or MLOps."""

    id: Id = Field(pattern=ID_PATTERN)
    """Unique across the questionnaire."""
    title: str = Field(min_length=1)
    """Name shown in screens and reports."""
    description: str = ""
    """What the area covers."""
    scope_out: ScopeOut | None = None
    """When set, a team may declare the whole area not applicable once, with a reason; every
    question in it is then skipped and its dimensions are shown as scoped out."""
    dimensions: list[Dimension] = Field(min_length=1)
    """The dimensions in this area."""


class Replaces(DomainModel):
    """How an earlier version's questions map onto this version's, for carrying answers over
    and comparing a team across the version change."""

    version: str = Field(min_length=1)
    """The earlier version, e.g. '1.0'."""
    questions: dict[str, str]
    """Every question id of the earlier version: the id of the same question in this version,
    or 'dropped'. An answer is carried over only when its choice still exists (same id or text)
    with the same level; otherwise it is carried as changed, for someone to confirm."""


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
    replaces: list[Replaces] = []
    """Mappings from earlier versions of this model, newest first."""
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

    def scopeable(self) -> dict[str, ScopeOut]:
        """The areas and dimensions a team may scope out, by id, in model order."""
        found: dict[str, ScopeOut] = {}
        for area in self.areas:
            if area.scope_out is not None:
                found[area.id] = area.scope_out
            for dimension in area.dimensions:
                if dimension.scope_out is not None:
                    found[dimension.id] = dimension.scope_out
        return found

    def questions_in_scope(self, scoped: Mapping[str, str]) -> list[Question]:
        """The questions a team answers once the given areas and dimensions are scoped out."""
        return [
            question
            for area, dimension in self.dimensions()
            if not scoped_out_by(area, dimension, scoped)
            for question in dimension.questions
        ]

    def mapping_from(self, version: str) -> Replaces | None:
        return next((r for r in self.replaces if r.version == version), None)

    @model_validator(mode="after")
    def _check_cross_field_rules(self) -> "Questionnaire":
        problems = list(_cross_field_problems(self))
        if problems:
            raise CrossFieldErrors(problems)
        return self


def scoped_out_by(area: Area, dimension: Dimension, scoped: Mapping[str, str]) -> str:
    """The id (the area's or the dimension's) that takes this dimension out of scope, or ''.

    Only ids the model lets a team scope out count: a stray id in an assessment changes
    nothing."""
    if area.scope_out is not None and area.id in scoped:
        return area.id
    if dimension.scope_out is not None and dimension.id in scoped:
        return dimension.id
    return ""


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
    if q.scoring == "ml-test-score" and top != ML_TEST_SCORE_LEVELS:
        yield (
            ("levels",),
            f"ml-test-score shows its bands on a ladder of {ML_TEST_SCORE_LEVELS} levels; "
            f"this model has {top}",
        )
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
                yield from _detect_problems(question, qwhere)
    yield from _mapping_problems(q)


def _mapping_problems(q: Questionnaire) -> Iterator[tuple[tuple[str | int, ...], str]]:
    known = {question.id for _, question in q.questions()}
    versions: set[str] = set()
    for r, mapping in enumerate(q.replaces):
        where: tuple[str | int, ...] = ("replaces", r)
        if mapping.version == q.version:
            yield (*where, "version"), f"a model cannot replace its own version {q.version}"
        if mapping.version in versions:
            yield (*where, "version"), f"version {mapping.version} is mapped twice"
        versions.add(mapping.version)
        targets: dict[str, str] = {}
        for old, new in mapping.questions.items():
            if new == DROPPED:
                continue
            if new not in known:
                yield (
                    (*where, "questions", old),
                    f"'{old}' maps to '{new}', which is no question of this version "
                    f"(write '{DROPPED}' when it has no counterpart)",
                )
            elif new in targets:
                yield (
                    (*where, "questions", old),
                    f"'{old}' and '{targets[new]}' both map to '{new}': one old question per "
                    "new one, or answers would overwrite each other",
                )
            else:
                targets[new] = old


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
    if question.gate:
        if scoring != "weighted-mean":
            yield (*where, "gate"), "only weighted-mean models have gate questions"
        elif question.choices[-1].level != top:
            yield (
                (*where, "gate"),
                f"the last choice of a gate question must be level {top}, so that full "
                "coverage caps nothing",
            )
    texts = [choice.text for choice in question.choices]
    ids = [choice.id for choice in question.choices]
    for c, text in enumerate(texts):
        if text in texts[:c]:
            yield (*where, "choices", c, "text"), f"choice text '{text}' appears twice"
        elif ids[c] in ids[:c]:
            yield (
                (*where, "choices", c, "id"),
                f"choice id '{ids[c]}' is used twice in this question (give the choices "
                "distinct ids)",
            )


def _detect_problems(
    question: Question, where: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    ids = [choice_id(choice) for choice in question.choices]
    yield from rule_problems(question.detect, ids, (*where, "detect"))
    for c, choice in enumerate(question.choices):
        yield from rule_problems(choice.detect, ids, (*where, "choices", c, "detect"), ids[c])
