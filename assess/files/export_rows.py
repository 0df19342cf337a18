"""The rows of the export's largest tables, built with as little work per row as possible:
what depends on the model alone (its questions and choices, their keys) is worked out once per
model, and exact scores become floats without going through Fraction's generic conversion."""

import sqlite3
from dataclasses import dataclass
from fractions import Fraction

from assess.domain.answers import Resolved
from assess.domain.assessment import Assessment
from assess.domain.numbers import exact
from assess.domain.questionnaire import Choice, Questionnaire
from assess.domain.scoring import DimensionScore
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


def priority(score: DimensionScore) -> float:
    """float(score.priority) (max(gap, 0) × weight), without making the Fraction first."""
    gap, weight = score.gap, score.weight
    if gap is None:
        return 0.0
    if type(gap) is Fraction and type(weight) is Fraction:  # not isinstance: an ABC, slow
        numerator = gap.numerator
        if numerator <= 0:
            return 0.0
        return (numerator * weight.numerator) / (gap.denominator * weight.denominator)
    return float(score.priority)


def dimension_rows(aid: int, keys: "ModelKeys", dimensions: list[DimensionScore]) -> list[Row]:
    """The dimension_facts rows: what the scores hold beyond their model's `dimensions` row
    (which each score is checked against: the same area, title, weight and questions)."""
    rows: list[Row] = []
    add = rows.append
    of = keys.dimension_of
    for d in dimensions:
        entry = of.get(d.dimension)
        if entry is None:
            raise AssertionError(f"dimension {d.dimension} is not one of its model's")
        key, area, title, weight, questions = entry
        if not (
            d.area == area
            and d.title == title
            and (d.weight is weight or d.weight == weight)
            and d.questions == questions
        ):
            raise AssertionError(f"dimension {d.dimension}'s score is not of its model")
        add(
            (
                aid,
                key,
                real(d.score),
                d.level,
                d.target,
                real(d.gap),
                priority(d),
                real(d.points),
                d.answered,
                d.not_applicable,
                d.dont_know,
                d.unanswered,
            )
        )
    return rows


@dataclass
class ModelKeys:
    """One model's rows in `questions` and `choices`, as the answer rows refer to them."""

    questionnaire: Questionnaire
    """Kept so that the choices' object ids below stay theirs."""
    question_ids: list[str]
    """In the model's order, as score_resolved resolves them."""
    question_keys: list[int]
    """Consecutive: answer_facts are written as offsets from the first (FACTS_INSERT)."""
    position_of_question: dict[str, int]
    choice_keys: dict[int, int]
    """id() of each of the model's Choice objects (what a resolved answer holds): its key."""
    dimension_of: dict[str, tuple[int, str, str, Fraction, int]]
    """Each dimension's key, area, title, weight and number of questions, by id."""

    def choice_key(self, position: int, choice: Choice) -> int:
        key = self.choice_keys.get(id(choice))
        if key is not None:
            return key
        # Not one of the model's own objects (score_resolved hands those out): an equal one.
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
        {
            dimension.id: (
                key,
                area.id,
                dimension.title,
                exact(dimension.weight),
                len(dimension.questions),
            )
            for (area, dimension), key in zip(dimension_entries, dimension_keys, strict=True)
        },
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
    codes = STATE_CODES
    chosen = codes["chosen"]
    choice_keys = keys.choice_keys
    packed: list[int] = []
    add = packed.append
    if len(resolved) != len(keys.question_keys):
        raise AssertionError("an answer for every question of the model")
    for answer in resolved:
        state = answer.state
        choice = answer.choice
        if state == "chosen" and choice is not None:
            key = choice_keys.get(id(choice)) or keys.choice_key(len(packed), choice)
            add(chosen | key << CHOICE_SHIFT)
        else:
            add(codes[state])
    # What was written, from the answers given (most questions of a large model have one).
    position_of = keys.position_of_question
    first = keys.question_keys[0]
    source_keys = sources.keys
    notes: list[Row] = []
    for qid, given in assessment.answers.items():
        source, note, evidence = given.source, given.note, given.evidence
        if source or note or evidence:
            position = position_of.get(qid)
            if position is None:
                continue  # a question the model no longer has
            if source:
                key = source_keys.get(source) or sources.key(source)
                packed[position] |= key << SOURCE_SHIFT
            if note or evidence:
                notes.append((owner, first + position, note, evidence))
    return packed, notes
