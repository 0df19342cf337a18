"""The rows of the export's largest tables, built with as little work per row as possible:
what depends on the model alone (its questions and choices, their keys) is worked out once per
model, and exact scores become floats without going through Fraction's generic conversion."""

import sqlite3
from dataclasses import dataclass, field
from fractions import Fraction

from assess.domain.answers import Resolved
from assess.domain.assessment import Assessment
from assess.domain.numbers import exact
from assess.domain.questionnaire import Choice, Questionnaire
from assess.domain.scoring import DimensionFigures
from assess.errors import AssessError
from assess.files.export_schema import STATE_CODES

Row = tuple[object, ...]


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


def dimension_rows(aid: int, keys: "ModelKeys", dimensions: list[DimensionFigures]) -> list[Row]:
    """The dimension_facts rows: what the scores hold beyond their model's `dimensions` row."""
    if len(dimensions) != len(keys.dimensions):
        raise AssertionError("a score for every dimension of the model")
    return [
        (
            aid,
            key,
            ratio(d.score),
            d.level,
            d.target,
            ratio(d.gap),
            priority(d.gap, weight),
            ratio(d.points),
            d.answered,
            d.not_applicable,
            d.dont_know,
            d.unanswered,
        )
        for (key, weight), d in zip(keys.dimensions, dimensions, strict=True)
    ]


@dataclass
class ModelKeys:
    """One model's rows in `questions` and `choices`, as the answer rows refer to them."""

    questionnaire: Questionnaire
    """Kept so that the choices' object ids below stay theirs."""
    question_ids: list[str]
    """In the model's order, as scoring.figures resolves them."""
    question_keys: list[int]
    """Consecutive: answer_facts are written as offsets from the first (FACTS_INSERT)."""
    position_of_question: dict[str, int]
    choice_keys: dict[int, int]
    """id() of each of the model's Choice objects (what a resolved answer holds): its key."""
    dimensions: list[tuple[int, Fraction]]
    """Each dimension's key and weight, in the model's order."""

    codes: dict[int, int] = field(default_factory=dict)
    """id() of a resolved answer met before: its packed code (answer_rows). The scorer hands
    out one object per choice and state for most answers, so most are found here."""
    coded: list[Resolved] = field(default_factory=list)
    """The answers of `codes`, kept so that their ids stay theirs."""

    def code(self, position: int, answer: Resolved) -> int:
        """The packed state and choice key of the answer to the question at position."""
        state, choice = answer.state, answer.choice
        if state == "chosen" and choice is not None:
            key = self.choice_keys.get(id(choice))
            if key is None:  # found by position: not remembered
                return STATE_CODES["chosen"] | self.choice_key(position, choice) << CHOICE_SHIFT
            code = STATE_CODES["chosen"] | key << CHOICE_SHIFT
        else:
            code = STATE_CODES[state]
        if len(self.coded) < CODES_KEPT:
            self.codes[id(answer)] = code
            self.coded.append(answer)
        return code

    def choice_key(self, position: int, choice: Choice) -> int:
        key = self.choice_keys.get(id(choice))
        if key is not None:
            return key
        # Not one of the model's own objects (scoring hands those out): an equal one.
        questions = [question for _, question in self.questionnaire.questions()]
        for candidate in questions[position].choices:
            if candidate == choice:
                return self.choice_keys[id(candidate)]
        raise AssertionError(f"choice {choice.id!r} is not one of question {position + 1}'s")


def model_keys(db: sqlite3.Connection, questionnaire: Questionnaire, model_hash: str) -> ModelKeys:
    """The keys of the model's questions and choices: those an earlier run wrote, or new rows."""
    dimension_entries = list(questionnaire.dimensions())
    entries = [
        (area, dimension, question)
        for area, dimension in dimension_entries
        for question in dimension.questions
    ]
    known = db.execute(
        "SELECT question_key FROM questions WHERE scored_with = ? ORDER BY position", (model_hash,)
    ).fetchall()
    if known:
        dimension_keys = [
            key
            for (key,) in db.execute(
                "SELECT dimension_key FROM dimensions WHERE scored_with = ? ORDER BY position",
                (model_hash,),
            )
        ]
        question_keys = [key for (key,) in known]
        choice_rows = db.execute(
            "SELECT c.choice_key FROM choices AS c JOIN questions AS q USING (question_key)"
            " WHERE q.scored_with = ? ORDER BY q.position, c.position",
            (model_hash,),
        ).fetchall()
        choice_keys = [key for (key,) in choice_rows]
        consecutive = question_keys == list(
            range(question_keys[0], question_keys[0] + len(entries))
        )
        if (
            not consecutive
            or len(choice_keys) != sum(len(question.choices) for _, _, question in entries)
            or len(dimension_keys) != len(dimension_entries)
        ):
            raise AssessError(
                f"the export's questions of model {questionnaire.id} do not match it; "
                "export into a new file"
            )
    else:
        (last_question,) = db.execute(
            "SELECT COALESCE(MAX(question_key), 0) FROM questions"
        ).fetchone()
        (last_choice,) = db.execute("SELECT COALESCE(MAX(choice_key), 0) FROM choices").fetchone()
        question_keys = list(range(last_question + 1, last_question + 1 + len(entries)))
        question_rows: list[Row] = []
        choice_rows_new: list[Row] = []
        choice_keys = []
        for position, ((area, dimension, question), key) in enumerate(
            zip(entries, question_keys, strict=True), start=1
        ):
            question_rows.append(
                (
                    key,
                    model_hash,
                    questionnaire.id,
                    questionnaire.version,
                    position,
                    area.id,
                    dimension.id,
                    dimension.title,
                    question.id,
                    question.text,
                )
            )
            for index, choice in enumerate(question.choices, start=1):
                last_choice += 1
                choice_keys.append(last_choice)
                choice_rows_new.append(
                    (last_choice, key, index, choice.id, choice.text, choice.level, choice.points)
                )
        (last_dimension,) = db.execute(
            "SELECT COALESCE(MAX(dimension_key), 0) FROM dimensions"
        ).fetchone()
        dimension_keys = [last_dimension + n for n in range(1, len(dimension_entries) + 1)]
        db.executemany(
            "INSERT INTO dimensions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    key,
                    model_hash,
                    questionnaire.id,
                    questionnaire.version,
                    position,
                    area.id,
                    area.title,
                    dimension.id,
                    dimension.title,
                    real(exact(dimension.weight)),
                    len(dimension.questions),
                )
                for position, ((area, dimension), key) in enumerate(
                    zip(dimension_entries, dimension_keys, strict=True), start=1
                )
            ],
        )
        db.executemany("INSERT INTO questions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", question_rows)
        db.executemany("INSERT INTO choices VALUES (?, ?, ?, ?, ?, ?, ?)", choice_rows_new)
    if choice_keys and choice_keys[-1] > MAX_CHOICE_KEY:
        raise AssessError("the export holds too many models' choices; export into a new file")
    choices = iter(choice_keys)
    return ModelKeys(
        questionnaire,
        [question.id for _, _, question in entries],
        question_keys,
        {question.id: position for position, (_, _, question) in enumerate(entries)},
        {id(choice): next(choices) for _, _, question in entries for choice in question.choices},
        [
            (key, exact(dimension.weight))
            for (_, dimension), key in zip(dimension_entries, dimension_keys, strict=True)
        ],
    )


class Sources:
    """The keys of answer_sources: an answer's `source` is one of few texts, kept once."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.keys: dict[str, int] = dict(
            db.execute("SELECT source, source_key FROM answer_sources")
        )
        self.last = max(self.keys.values(), default=0)

    def key(self, source: str) -> int:
        key = self.keys.get(source)
        if key is None:
            if self.last == MAX_SOURCE_KEY:
                raise AssessError(
                    "the export holds too many answer sources; export into a new file"
                )
            self.last += 1
            key = self.keys[source] = self.last
            self.db.execute("INSERT INTO answer_sources VALUES (?, ?)", (key, source))
        return key


CHOICE_SHIFT = 3
CODES_KEPT = 100_000
"""At most this many resolved answers are remembered (ModelKeys.codes): the shared ones come
first, and an answer the scorer made for one file only is not worth keeping."""
SOURCE_SHIFT = 34
MAX_CHOICE_KEY = (1 << (SOURCE_SHIFT - CHOICE_SHIFT)) - 1
MAX_SOURCE_KEY = (1 << (63 - SOURCE_SHIFT)) - 1

FACTS_INSERT = (
    "INSERT INTO {table} SELECT ?1, ?2 + key, value & 7,"
    f" NULLIF((value >> {CHOICE_SHIFT}) & {MAX_CHOICE_KEY}, 0), NULLIF(value >> {SOURCE_SHIFT}, 0)"
    " FROM json_each(?3)"
)
"""The answer_facts rows of one assessment or respondent file from (owner, first question key,
answers packed by answer_rows as a JSON array): one statement, in which SQLite unpacks the
integers, costs half of binding the rows one by one (executemany)."""


def unpacked(owner: int, first_question: int, packed: list[int]) -> list[Row]:
    """The rows FACTS_INSERT makes of packed, for SQLite built without JSON functions."""
    return [
        (
            owner,
            first_question + index,
            value & 7,
            (value >> CHOICE_SHIFT) & MAX_CHOICE_KEY or None,
            value >> SOURCE_SHIFT or None,
        )
        for index, value in enumerate(packed)
    ]


def answer_rows(
    owner: int,
    keys: ModelKeys,
    assessment: Assessment,
    resolved: list[Resolved],
    sources: Sources,
) -> tuple[list[int], list[Row]]:
    """Every question's answer_facts row, from the answers as scored, packed into one integer
    (state code, choice key << 3, source key << 34; keys 0 for none) in the model's order; and
    the answer_notes rows (owner, question key, note, evidence) of the answers with a note or
    evidence."""
    if len(resolved) != len(keys.question_keys):
        raise AssertionError("an answer for every question of the model")
    get = keys.codes.get
    packed = [get(id(answer), -1) for answer in resolved]
    if -1 in packed:
        for position, code in enumerate(packed):
            if code == -1:
                packed[position] = keys.code(position, resolved[position])
    # What was written, from the answers given (most questions of a large model have one).
    position_of = keys.position_of_question
    first = keys.question_keys[0]
    source_keys = sources.keys
    notes: list[Row] = []
    for qid, given in assessment.answers.items():
        source, note, evidence = given.source, given.note, given.evidence
        if source or note or evidence:
            at = position_of.get(qid)
            if at is None:
                continue  # a question the model no longer has
            if source:
                key = source_keys.get(source) or sources.key(source)
                packed[at] |= key << SOURCE_SHIFT
            if note or evidence:
                notes.append((owner, first + at, note, evidence))
    return packed, notes
