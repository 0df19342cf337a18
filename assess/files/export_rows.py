"""The rows of the export's largest tables, built with as little work per row as possible:
what depends on the model alone (its questions and choices, their keys) is worked out once per
model, and exact scores become floats without going through Fraction's generic conversion."""

import sqlite3
from dataclasses import dataclass
from fractions import Fraction

from assess.domain.answers import Resolved
from assess.domain.assessment import Assessment
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
    if gap is None or gap <= 0:
        return 0.0
    if isinstance(gap, Fraction) and isinstance(weight, Fraction):
        return (gap.numerator * weight.numerator) / (gap.denominator * weight.denominator)
    return float(score.priority)


def dimension_rows(aid: int, dimensions: list[DimensionScore]) -> list[Row]:
    return [
        (
            aid,
            d.area,
            d.dimension,
            d.title,
            real(d.weight),
            real(d.score),
            d.level,
            d.target,
            real(d.gap),
            priority(d),
            real(d.points),
            d.questions,
            d.answered,
            d.not_applicable,
            d.dont_know,
            d.unanswered,
        )
        for d in dimensions
    ]


@dataclass
class ModelKeys:
    """One model's rows in `questions` and `choices`, as the answer rows refer to them."""

    questionnaire: Questionnaire
    """Kept so that the choices' object ids below stay theirs."""
    question_ids: list[str]
    """In the model's order, as score_resolved resolves them."""
    question_keys: list[int]
    key_of_question: dict[str, int]
    choice_keys: dict[int, int]
    """id() of each of the model's Choice objects (what a resolved answer holds): its key."""

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
    questions = list(questionnaire.dimensions())
    entries = [
        (area, dimension, question)
        for area, dimension in questions
        for question in dimension.questions
    ]
    known = db.execute(
        "SELECT question_key FROM questions WHERE scored_with = ? ORDER BY position", (model_hash,)
    ).fetchall()
    if known:
        question_keys = [key for (key,) in known]
        choice_rows = db.execute(
            "SELECT c.choice_key FROM choices AS c JOIN questions AS q USING (question_key)"
            " WHERE q.scored_with = ? ORDER BY q.position, c.position",
            (model_hash,),
        ).fetchall()
        choice_keys = [key for (key,) in choice_rows]
        if len(question_keys) != len(entries) or len(choice_keys) != sum(
            len(question.choices) for _, _, question in entries
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
        db.executemany("INSERT INTO questions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", question_rows)
        db.executemany("INSERT INTO choices VALUES (?, ?, ?, ?, ?, ?, ?)", choice_rows_new)
    choices = iter(choice_keys)
    return ModelKeys(
        questionnaire,
        [question.id for _, _, question in entries],
        question_keys,
        {question.id: key for (_, _, question), key in zip(entries, question_keys, strict=True)},
        {id(choice): next(choices) for _, _, question in entries for choice in question.choices},
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
            self.last += 1
            key = self.keys[source] = self.last
            self.db.execute("INSERT INTO answer_sources VALUES (?, ?)", (key, source))
        return key


def answer_rows(
    owner: int, keys: ModelKeys, assessment: Assessment, resolved: list[Resolved], sources: Sources
) -> tuple[list[Row], list[Row]]:
    """The answer_facts rows (owner, question, state, choice, source) of every question of the
    model, from the answers as scored, and the answer_notes rows (owner, question, note,
    evidence) of the answers with a note or evidence."""
    answers = assessment.answers
    get = answers.get
    codes = STATE_CODES
    choice_keys = keys.choice_keys
    source_keys = sources.keys
    facts: list[Row] = []
    add = facts.append
    for position, (qid, qkey, answer) in enumerate(
        zip(keys.question_ids, keys.question_keys, resolved, strict=True)
    ):
        state = answer.state
        choice = answer.choice if state == "chosen" else None
        choice_key = None
        if choice is not None:
            choice_key = choice_keys.get(id(choice)) or keys.choice_key(position, choice)
        given = get(qid)
        source_key = None
        if given is not None and given.source:
            source_key = source_keys.get(given.source) or sources.key(given.source)
        add((owner, qkey, codes[state], choice_key, source_key))
    key_of = keys.key_of_question
    notes: list[Row] = [
        (owner, key_of[qid], given.note, given.evidence)
        for qid, given in answers.items()
        if (given.note or given.evidence) and qid in key_of
    ]
    return facts, notes
