"""What one assessment file becomes in the export, before it meets the database: its rows
without the keys the database gives (ids of the file, its team, the model's questions), so that
files can be made into rows in other processes while one process writes them.

Built with as little work per row as possible: what depends on the model alone is worked out
once per model (ModelCodes), and exact scores become floats without going through Fraction's
generic conversion."""

import json
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import repeat
from typing import Final, NamedTuple

from assess.domain.answers import Resolved
from assess.domain.assessment import Assessment, Consolidation
from assess.domain.numbers import exact
from assess.domain.questionnaire import Choice, Questionnaire
from assess.domain.scoring import DimensionFigures, Figures
from assess.files.export_schema import STATE_CODES

Row = tuple[object, ...]

CHOICE_SHIFT: Final = 3
SOURCE_SHIFT: Final = 34
"""A packed answer: its state code in the low 3 bits, its choice's ordinal in the model (from
1; 0 for none) from bit 3, and the number of its source among the file's (from 1) from bit 34."""
MAX_CHOICE: Final = (1 << (SOURCE_SHIFT - CHOICE_SHIFT)) - 1
CODES_KEPT: Final = 100_000
"""At most this many resolved answers are remembered (ModelCodes.codes): the shared ones come
first, and an answer the scorer made for one file only is not worth keeping."""


def real(value: Fraction | int | float | None) -> float | None:
    """float(value): an exact score as the REAL SQLite stores. For a Fraction this is the
    division of its integers, which Python rounds correctly, as float(Fraction) does, only
    without the generic numbers.Rational path (a test compares the two)."""
    if value is None:
        return None
    if isinstance(value, float):
        return value
    return value.numerator / value.denominator


def ratio(pair: tuple[int, int] | None) -> float | None:
    """A numerator and denominator as the REAL of their quotient, rounded once (as real())."""
    return None if pair is None else pair[0] / pair[1]


def priority(gap: tuple[int, int] | None, weight: Fraction) -> float:
    """float(max(gap, 0) x weight), the priority of a dimension's gap, from the gap's integers."""
    if gap is None or gap[0] <= 0:
        return 0.0
    return (gap[0] * weight.numerator) / (gap[1] * weight.denominator)


@dataclass
class ModelCodes:
    """What one model's rows need of it, worked out once per model and process."""

    questionnaire: Questionnaire
    """Kept so that the choices' object ids below stay theirs."""
    questions: int
    position_of_question: dict[str, int]
    dimension_of_question: dict[str, str]
    weights: list[Fraction]
    """Each dimension's weight, in the model's order."""
    ordinals: dict[int, int]
    """id() of each of the model's Choice objects (what a resolved answer holds): its place
    among all the model's choices in order, from 1."""
    codes: dict[int, int] = field(default_factory=dict)
    """id() of a resolved answer met before: its packed code. The scorer hands out one object
    per choice and state for most answers, so most are found here."""
    coded: list[Resolved] = field(default_factory=list)
    """The answers of `codes`, kept so that their ids stay theirs."""

    def code(self, position: int, answer: Resolved) -> int:
        """The packed state and choice of the answer to the question at position."""
        state, choice = answer.state, answer.choice
        if state == "chosen" and choice is not None:
            ordinal = self.ordinals.get(id(choice))
            if ordinal is None:  # found by position: not remembered
                return STATE_CODES["chosen"] | self.ordinal(position, choice) << CHOICE_SHIFT
            code = STATE_CODES["chosen"] | ordinal << CHOICE_SHIFT
        else:
            code = STATE_CODES[state]
        if len(self.coded) < CODES_KEPT:
            self.codes[id(answer)] = code
            self.coded.append(answer)
        return code

    def ordinal(self, position: int, choice: Choice) -> int:
        # Not one of the model's own objects (the scorer hands those out): an equal one.
        questions = [question for _, question in self.questionnaire.questions()]
        for candidate in questions[position].choices:
            if candidate == choice:
                return self.ordinals[id(candidate)]
        raise AssertionError(f"choice {choice.id!r} is not one of question {position + 1}'s")


def model_codes(questionnaire: Questionnaire) -> ModelCodes:
    questions = list(questionnaire.questions())
    choices = [choice for _, question in questions for choice in question.choices]
    return ModelCodes(
        questionnaire,
        len(questions),
        {question.id: position for position, (_, question) in enumerate(questions)},
        {question.id: dimension.id for dimension, question in questions},
        [exact(dimension.weight) for _, dimension in questionnaire.dimensions()],
        {id(choice): ordinal for ordinal, choice in enumerate(choices, start=1)},
    )


class FileRows(NamedTuple):
    """An assessment or respondent file's rows, without the keys the database gives (a tuple:
    the cheapest to send from a worker process)."""

    respondent: bool
    questionnaire: str
    model_hash: str
    team: str
    owner: Row
    """Its row of `assessments` or `respondents`, from `team` on (the path and team id first)."""
    dimensions: list[Row]
    """dimension_facts rows (dimension_rows), in the model's order; none for a respondent."""
    answers: str
    """Every question's answer packed (SOURCE_SHIFT), in the model's order, as a JSON array."""
    sources: list[str]
    """The sources the packed answers number."""
    notes: list[tuple[int, str, str]]
    """(position, note, evidence) of the answers with a note or evidence."""
    evidence: list[Row]
    """evidence rows from `dimension` on."""
    answer_spread: list[Row]
    dimension_spread: list[Row]


def file_rows(
    codes: ModelCodes,
    model_hash: str,
    assessment: Assessment,
    scores: Figures,
    respondent: bool,
) -> FileRows:
    answers, sources, notes = answer_rows(codes, assessment, scores.resolved)
    scored = (
        assessment.questionnaire,
        assessment.questionnaire_version,
        assessment.questionnaire_hash,
        model_hash,
        assessment.status,
    )
    when_and_score = (
        assessment.created.isoformat(),
        assessment.updated.isoformat(),
        real(scores.score),
        scores.level,
    )
    team, on = assessment.team, assessment.date.isoformat()
    if respondent:
        who = "" if assessment.anonymous else assessment.respondent
        owner: Row = (team, who, int(assessment.anonymous), on, *scored, *when_and_score)
        return FileRows(
            True,
            assessment.questionnaire,
            model_hash,
            team,
            owner,
            [],
            answers,
            sources,
            notes,
            [],
            [],
            [],
        )
    owner = (team, on, *scored, ", ".join(assessment.assessors), *when_and_score)
    evidence: list[Row] = []
    if assessment.evidence_found:
        evidence = evidence_rows(codes, assessment, scores.resolved)
    answer_spread: list[Row] = []
    dimension_spread: list[Row] = []
    if assessment.consolidation is not None:
        answer_spread, dimension_spread = spread_rows(codes, assessment.consolidation)
    return FileRows(
        False,
        assessment.questionnaire,
        model_hash,
        team,
        owner,
        dimension_rows(codes, scores.dimensions),
        answers,
        sources,
        notes,
        evidence,
        answer_spread,
        dimension_spread,
    )


def dimension_rows(codes: ModelCodes, dimensions: list[DimensionFigures]) -> list[Row]:
    """The dimension_facts rows, the dimension's position in the model then the columns from
    `score` on: what the scores hold beyond the model's `dimensions` rows."""
    if len(dimensions) != len(codes.weights):
        raise AssertionError("a score for every dimension of the model")
    return [
        (
            position,
            ratio(score),
            level,
            target,
            ratio(gap),
            priority(gap, weight),
            ratio(points),
            answered,
            not_applicable,
            dont_know,
            unanswered,
        )
        for position, (
            weight,
            (score, level, target, gap, points, answered, not_applicable, dont_know, unanswered),
        ) in enumerate(zip(codes.weights, dimensions, strict=True))
    ]


def answer_rows(
    codes: ModelCodes, assessment: Assessment, resolved: list[Resolved]
) -> tuple[str, list[str], list[tuple[int, str, str]]]:
    """Every question's answer as scored and its source, packed into one integer (SOURCE_SHIFT)
    in the model's order, as a JSON array; the sources they number; and (position, note,
    evidence) of the answers with a note or evidence."""
    if len(resolved) != codes.questions:
        raise AssertionError("an answer for every question of the model")
    packed = list(map(codes.codes.get, map(id, resolved), repeat(-1, len(resolved))))
    if -1 in packed:
        for position, code in enumerate(packed):
            if code == -1:
                packed[position] = codes.code(position, resolved[position])
    # What was written, from the answers given (most questions of a large model have one).
    position_of = codes.position_of_question
    numbers: dict[str, int] = {}
    """Each source met, shifted into place."""
    notes: list[tuple[int, str, str]] = []
    last, shifted = "", 0  # most answers of a file share one source
    for qid, given in assessment.answers.items():
        source, note, evidence = given.source, given.note, given.evidence
        if source or note or evidence:
            at = position_of.get(qid)
            if at is None:
                continue  # a question the model no longer has
            if source:
                if source != last:
                    last = source
                    shifted = numbers.setdefault(source, (len(numbers) + 1) << SOURCE_SHIFT)
                packed[at] |= shifted
            if note or evidence:
                notes.append((at, note, evidence))
    return json.dumps(packed), list(numbers), notes


def evidence_rows(codes: ModelCodes, assessment: Assessment, resolved: list[Resolved]) -> list[Row]:
    """One row per finding of the last scan (from `dimension` on), with whether the answer
    given agrees with the choice it suggests (NULL when it suggests none, or the question has
    no chosen answer)."""
    rows: list[Row] = []
    for qid, findings in assessment.evidence_found.items():
        position = codes.position_of_question.get(qid)
        answer = None if position is None else resolved[position]
        chosen = None
        if answer is not None and answer.state == "chosen" and answer.choice is not None:
            chosen = answer.choice.id
        for finding in findings:
            agrees = None
            if finding.suggests is not None and chosen is not None:
                agrees = int(chosen == finding.suggests)
            matched = [r.repository for r in finding.repositories if r.matched]
            rows.append(
                (
                    codes.dimension_of_question.get(qid),
                    qid,
                    finding.rule,
                    finding.summary,
                    finding.suggests,
                    agrees,
                    len(finding.repositories),
                    len(matched),
                    ", ".join(matched),
                    finding.note,
                    finding.scanned_at.isoformat(),
                )
            )
    return rows


def spread_rows(codes: ModelCodes, consolidation: Consolidation) -> tuple[list[Row], list[Row]]:
    """How the respondents of a consolidated assessment spread, per question and dimension
    (the answer_spread and dimension_spread rows from `dimension` on)."""
    dimension_of = codes.dimension_of_question
    questions: list[Row] = [
        (
            dimension_of.get(qid),
            qid,
            spread.counted,
            real(spread.low),
            real(spread.high),
            real(spread.iqr),
            int(spread.flagged),
            json.dumps(spread.distribution, sort_keys=True),
            int(qid in consolidation.agreed),
        )
        for qid, spread in consolidation.questions.items()
    ]
    dimensions: list[Row] = [
        (
            did,
            real(spread.low),
            real(spread.high),
            spread.questions,
            spread.flagged,
            real(spread.agreement),
        )
        for did, spread in consolidation.dimensions.items()
    ]
    return questions, dimensions
