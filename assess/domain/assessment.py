"""One team's answers to one questionnaire on one date."""

import hashlib
import json
import unicodedata
from datetime import date, datetime
from typing import Final, Literal

from pydantic import AwareDatetime, Field, field_validator, model_validator

from assess.domain.base import DomainModel
from assess.domain.evidence import Finding
from assess.domain.numbers import Exact
from assess.domain.questionnaire import ID_PATTERN, Questionnaire

FORMAT: Final = "assess-assessment/2"
FORMAT_1: Final = "assess-assessment/1"
"""The first format stored answers by choice position; it still loads (see domain.answers)."""
Skip = Literal["not-applicable", "dont-know"]
Status = Literal["in-progress", "complete"]


def normal_team(team: str) -> str:
    """The one form of a team name used to store and compare it: Unicode NFC."""
    return unicodedata.normalize("NFC", team)


class Answer(DomainModel):
    """The answer to one question, with what backs it up.

    A chosen answer records the choice's id and, as answered, its text and level (or points),
    so that a later change to the model is noticed instead of changing the answer's meaning.
    """

    choice: str | None = None
    """The id of the chosen choice."""
    text: str = ""
    """The chosen choice's text when it was answered."""
    level: int | None = None
    """The chosen choice's level when it was answered (weighted-mean models)."""
    points: float | None = None
    """The chosen choice's points when it was answered (ml-test-score models)."""
    position: int | None = Field(default=None, ge=1)
    """Only in answers read from format 1 files that could not be matched to the model they
    were given on: the choice's position, counting from 1. Such an answer needs confirming."""
    skip: Skip | None = None
    """'not-applicable' or 'dont-know' instead of a choice."""
    confirmed: bool = True
    """False for an answer carried over from an earlier assessment until someone confirms or
    changes it."""
    note: str = ""
    """Free text: context, caveats, who said what."""
    evidence: str = ""
    """What proves the answer: links, file paths, dashboard names."""
    source: str = ""
    """Where the answer came from, e.g. 'interview' or 'carried over from 2026-08-14'."""

    @model_validator(mode="after")
    def _choice_or_skip(self) -> "Answer":
        given = [self.choice is not None, self.position is not None, self.skip is not None]
        if sum(given) > 1:
            raise ValueError("an answer has either a choice or a skip, not both")
        return self

    @property
    def is_answered(self) -> bool:
        """Whether anything was answered (a choice, a skip or an unmatched old position)."""
        return self.choice is not None or self.skip is not None or self.position is not None


NO_ANSWER: Final = Answer.model_construct()
"""The answer of a question not answered yet (frozen, so one instance serves every call).
Constructed, not validated: its defaults are valid, and validating would build the model's
validator when this module is imported (a test compares it with `Answer()`)."""


class Agreed(DomainModel):
    """The answer a facilitator agreed with the team for one question, and what it settled."""

    answer: Answer
    """The agreed answer: a choice or a skip."""
    note: str = ""
    """Why the team settled on it."""
    distribution: dict[str, int] = {}
    """The respondents' answers it settled: respondents per choice id, 'not-applicable',
    'dont-know' and 'unanswered' (see domain.consensus)."""
    agreed: AwareDatetime | None = None
    """When it was agreed."""


class QuestionSpread(DomainModel):
    """How a team's respondents answered one question, as recorded at consolidation."""

    distribution: dict[str, int]
    """Respondents per choice id, 'not-applicable', 'dont-know' and 'unanswered'."""
    counted: int
    """Respondents in the median: a choice or don't know."""
    low: Exact | None = None
    """Lowest counted level (points on ml-test-score models)."""
    high: Exact | None = None
    """Highest counted level."""
    iqr: Exact | None = None
    """Interquartile range of the counted levels."""
    flagged: bool = False
    """The respondents disagree (a range of two levels or more)."""


class DimensionSpread(DomainModel):
    """How far apart the respondents' own scores of one dimension are."""

    low: Exact | None = None
    """The lowest respondent's score of the dimension; None when no respondent has one."""
    high: Exact | None = None
    """The highest respondent's score."""
    questions: int = 0
    """Questions with at least one counted answer."""
    flagged: int = 0
    """Of those, the questions where the respondents disagree."""
    agreement: Exact | None = None
    """Share of those questions not flagged; None when no question has a counted answer."""


class Consolidation(DomainModel):
    """In a team's assessment made from its respondents' files: who answered, how they spread,
    and what the facilitator agreed. The answers of the assessment are the consolidated ones."""

    respondents: list[str]
    """How respondents may be shown, in file order: their names when the team chose to show
    names and the respondent did not answer anonymously, else 'Respondent n'."""
    named: bool = False
    """The team opted in to showing respondents' names."""
    files: dict[str, str] = {}
    """The respondent files consolidated: file name -> SHA-256 of its content, to notice files
    added or changed since."""
    consolidated: AwareDatetime
    """When the consolidation was made."""
    questions: dict[str, QuestionSpread] = {}
    """Per question id with any respondent's answer."""
    dimensions: dict[str, DimensionSpread] = {}
    """Per dimension id."""
    agreed: dict[str, Agreed] = {}
    """The facilitator's agreed answers by question id; each replaces the lower median."""


class Assessment(DomainModel):
    """A team's assessment: who, when, against which model, and the answers."""

    format: Literal["assess-assessment/2"] = FORMAT
    """File format version."""
    team: str = Field(min_length=1)
    """The team assessed (kept in Unicode NFC, so 'Café' typed two ways is one team)."""
    assessors: list[str] = []
    """Who ran the assessment."""
    respondent: str = ""
    """In a respondent file: the team member whose answers these are (empty when anonymous).
    Empty in a team's own assessment."""
    anonymous: bool = False
    """In a respondent file: the member chose not to be named; reports number them instead."""
    date: date
    """The day the assessment describes."""
    questionnaire: str = Field(pattern=ID_PATTERN)
    """Id of the questionnaire answered (an id, never a path)."""
    questionnaire_version: str
    """Version of the questionnaire answered."""
    questionnaire_hash: str
    """Content hash of the questionnaire answered, to notice later changes."""
    status: Status = "in-progress"
    """'in-progress' or 'complete'."""
    created: AwareDatetime
    """When the assessment was started (with its time zone, so times from two places compare)."""
    updated: AwareDatetime
    """When it was last changed (with its time zone)."""
    targets: dict[str, int] = {}
    """Per-dimension target levels that differ from the model's defaults."""
    answers: dict[str, Answer] = {}
    """Answers by question id. Answers to questions the model no longer has are kept."""
    scoped_out: dict[str, str] = {}
    """Areas and dimensions the team declared not applicable, by id, with the reason given.
    Their questions are skipped and they are shown as scoped out, never scored."""
    evidence_found: dict[str, list[Finding]] = {}
    """What the last scan of the team's repositories found, by question id (see `assess scan`)."""
    consolidation: Consolidation | None = None
    """Set when the answers were consolidated from the team's respondents (`assess consolidate`)."""

    @field_validator("team")
    @classmethod
    def _one_spelling(cls, team: str) -> str:
        if "\x00" in team:
            raise ValueError("a team name cannot hold a NUL character")
        return normal_team(team)

    def answer(self, question_id: str) -> Answer:
        # dict.get builds its default on every call; scoring asks for every question.
        answer = self.answers.get(question_id)
        return NO_ANSWER if answer is None else answer

    def with_answer(self, question_id: str, answer: Answer, now: datetime) -> "Assessment":
        answers = {**self.answers, question_id: answer}
        return self.model_copy(update={"answers": answers, "updated": now})

    def with_target(self, dimension_id: str, level: int, now: datetime) -> "Assessment":
        targets = {**self.targets, dimension_id: level}
        return self.model_copy(update={"targets": targets, "updated": now})

    def with_scoped_out(self, scope_id: str, reason: str, now: datetime) -> "Assessment":
        scoped = {**self.scoped_out, scope_id: reason}
        return self.model_copy(update={"scoped_out": scoped, "updated": now})

    def without_scoped_out(self, scope_id: str, now: datetime) -> "Assessment":
        scoped = {k: v for k, v in self.scoped_out.items() if k != scope_id}
        return self.model_copy(update={"scoped_out": scoped, "updated": now})

    def with_findings(self, found: dict[str, list[Finding]], now: datetime) -> "Assessment":
        """The assessment with a new scan's findings in place of the previous scan's."""
        return self.model_copy(update={"evidence_found": found, "updated": now})

    def with_status(self, status: Status, now: datetime) -> "Assessment":
        return self.model_copy(update={"status": status, "updated": now})


_HASHES: dict[int, tuple[Questionnaire, str]] = {}


def questionnaire_hash(questionnaire: Questionnaire) -> str:
    """A short, stable fingerprint of the model's content; worked out once per questionnaire
    object (models are frozen; the entry holds the object, so its id is not reused meanwhile)."""
    cached = _HASHES.get(id(questionnaire))
    if cached is not None and cached[0] is questionnaire:
        return cached[1]
    # The dump is a tree: the encoder need not watch for cycles (the text is the same).
    canonical = json.dumps(
        questionnaire.model_dump(mode="json"), sort_keys=True, check_circular=False
    )
    digest = "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:16]
    if len(_HASHES) > 64:
        _HASHES.clear()
    _HASHES[id(questionnaire)] = (questionnaire, digest)
    return digest


def new_assessment(
    questionnaire: Questionnaire,
    team: str,
    assessors: list[str],
    on: date,
    now: datetime,
) -> Assessment:
    return Assessment(
        team=team,
        assessors=assessors,
        date=on,
        questionnaire=questionnaire.id,
        questionnaire_version=questionnaire.version,
        questionnaire_hash=questionnaire_hash(questionnaire),
        created=now,
        updated=now,
    )


def carried_over(
    previous: Assessment, questionnaire: Questionnaire, on: date, now: datetime
) -> Assessment:
    """A new assessment pre-filled from an earlier one, for a quarterly re-assessment.

    Carried-over answers count as answered but unconfirmed until someone confirms or changes
    them; an answer whose choice the model changed since stays as given and is flagged."""
    known = {question.id for _, question in questionnaire.questions()}
    source = f"carried over from {previous.date.isoformat()}"
    answers = {
        qid: answer.model_copy(update={"source": source, "confirmed": False})
        for qid, answer in previous.answers.items()
        if qid in known and answer.is_answered
    }
    fresh = new_assessment(questionnaire, previous.team, previous.assessors, on, now)
    return fresh.model_copy(
        update={
            "answers": answers,
            "targets": dict(previous.targets),
            "scoped_out": dict(previous.scoped_out),
        }
    )


def mismatch_warning(assessment: Assessment, questionnaire: Questionnaire) -> str | None:
    """A warning when the questionnaire changed since the assessment was made."""
    if assessment.questionnaire_hash == questionnaire_hash(questionnaire):
        return None
    return (
        f"questionnaire '{questionnaire.id}' changed since this assessment was made "
        f"(version {assessment.questionnaire_version} then, {questionnaire.version} now); "
        "answers to removed questions are kept but not scored, and answers whose choice was "
        "removed or changed are flagged and left out of the score until confirmed"
    )
