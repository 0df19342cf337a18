"""The export's keys: each model's rows in `dimensions`, `questions` and `choices`, and the
answer sources, which the rows of every file refer to (export_rows leaves them out)."""

import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from assess.domain.numbers import exact
from assess.domain.questionnaire import Questionnaire
from assess.errors import AssessError
from assess.files.export_rows import CHOICE_SHIFT, MAX_CHOICE, SOURCE_SHIFT, Row, real

# The rows that follow an assessment's or respondent file's own row name it as the last row
# inserted: answer_sources, the one other table with row ids written meanwhile, is written
# before it, and evidence and spreads (tables with row ids) name it themselves, last.


@lru_cache(maxsize=64)
def facts_insert(table: str, sources: int) -> str:
    """The answer_facts rows of one file in one statement, from (owner, first question key, the
    key before the model's first choice, answers packed as a JSON array (export_rows), the keys
    of the sources they number): SQLite unpacks the integers, which costs half of binding the
    rows one by one (executemany)."""
    source = "NULL"
    if sources:
        numbers = " ".join(f"WHEN {n} THEN ?{n + 4}" for n in range(1, sources + 1))
        source = f"CASE value >> {SOURCE_SHIFT} {numbers} END"
    return (
        f"INSERT INTO {table} SELECT ?1, ?2 + key, value & 7,"
        f" NULLIF((value >> {CHOICE_SHIFT}) & {MAX_CHOICE}, 0) + ?3, {source} FROM json_each(?4)"
    )


@dataclass(frozen=True)
class ModelKeys:
    """One model's keys, all consecutive in the model's order (so a row names them by offset)."""

    first_question: int
    choice_base: int
    """The key before the model's first choice."""
    first_dimension: int

    @property
    def dimension_insert(self) -> str:
        """A dimension_facts row from export_rows.dimension_rows, after its file's own row."""
        return (
            "INSERT INTO dimension_facts VALUES (last_insert_rowid(),"
            f" ? + {self.first_dimension:d}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )

    def notes_insert(self, table: str) -> str:
        """A row of answer notes from export_rows.answer_rows, after its file's own row."""
        return (
            f"INSERT INTO {table} VALUES (last_insert_rowid(), ? + {self.first_question:d}, ?, ?)"
        )


def model_keys(db: sqlite3.Connection, questionnaire: Questionnaire, model_hash: str) -> ModelKeys:
    """The keys of the model's dimensions, questions and choices: those an earlier run wrote,
    or new rows."""
    dimension_entries = list(questionnaire.dimensions())
    entries = [
        (area, dimension, question)
        for area, dimension in dimension_entries
        for question in dimension.questions
    ]
    choices = sum(len(question.choices) for _, _, question in entries)
    known = [
        key
        for (key,) in db.execute(
            "SELECT question_key FROM questions WHERE scored_with = ? ORDER BY position",
            (model_hash,),
        )
    ]
    if known:
        dimension_keys = [
            key
            for (key,) in db.execute(
                "SELECT dimension_key FROM dimensions WHERE scored_with = ? ORDER BY position",
                (model_hash,),
            )
        ]
        choice_keys = [
            key
            for (key,) in db.execute(
                "SELECT c.choice_key FROM choices AS c JOIN questions AS q USING (question_key)"
                " WHERE q.scored_with = ? ORDER BY q.position, c.position",
                (model_hash,),
            )
        ]
        if (
            not _consecutive(known, len(entries))
            or not _consecutive(choice_keys, choices)
            or not _consecutive(dimension_keys, len(dimension_entries))
        ):
            raise AssessError(
                f"the export's questions of model {questionnaire.id} do not match it; "
                "export into a new file"
            )
        return ModelKeys(known[0], choice_keys[0] - 1 if choice_keys else 0, dimension_keys[0])
    (last_question,) = db.execute("SELECT COALESCE(MAX(question_key), 0) FROM questions").fetchone()
    (last_choice,) = db.execute("SELECT COALESCE(MAX(choice_key), 0) FROM choices").fetchone()
    choice_base = last_choice
    question_rows: list[Row] = []
    choice_rows: list[Row] = []
    for position, (area, dimension, question) in enumerate(entries, start=1):
        key = last_question + position
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
            choice_rows.append(
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
    db.executemany("INSERT INTO choices VALUES (?, ?, ?, ?, ?, ?, ?)", choice_rows)
    return ModelKeys(last_question + 1, choice_base, last_dimension + 1)


def _consecutive(keys: list[int], count: int) -> bool:
    return len(keys) == count and (not keys or keys == list(range(keys[0], keys[0] + count)))


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


def unpacked(owner: int, keys: ModelKeys, answers: str, sources: list[int]) -> list[Row]:
    """The rows facts_insert makes of answers, for SQLite built without JSON functions."""
    first, base = keys.first_question, keys.choice_base
    rows: list[Row] = []
    for index, value in enumerate(json.loads(answers)):
        ordinal = (value >> CHOICE_SHIFT) & MAX_CHOICE
        source = value >> SOURCE_SHIFT
        rows.append(
            (
                owner,
                first + index,
                value & 7,
                base + ordinal if ordinal else None,
                sources[source - 1] if source else None,
            )
        )
    return rows
