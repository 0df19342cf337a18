"""The SQLite export: every assessment found, with its scores and answers, as tables a BI tool
reads directly (schema in docs/export.md).

Re-running it on a grown folder updates the database in place. A file whose path, size and
modification time are as recorded is not read at all; a file that was touched but whose content
hash is unchanged is not parsed again; a file that disappeared loses its rows. Assessments are
scored again when their questionnaire changed since they were exported.
"""

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from assess.domain.answers import Resolved
from assess.domain.assessment import NO_ANSWER, Assessment, Consolidation, questionnaire_hash
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import Scorecard, score_resolved
from assess.errors import AssessError
from assess.files.assessments import RESPONDENTS, parse_assessment
from assess.files.names import team_slug
from assess.files.reading import ASSESSMENT_LIMIT, display, read_bytes

APPLICATION: Final = "assess-export"
SCHEMA_VERSION: Final = 1
SQLITE_HEADER: Final = b"SQLite format 3\x00"

SCHEMA: Final = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE teams (
    team_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL
);
CREATE TABLE assessments (
    assessment_id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    team_id INTEGER NOT NULL REFERENCES teams (team_id),
    team TEXT NOT NULL,
    date TEXT NOT NULL,
    questionnaire TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    questionnaire_hash TEXT NOT NULL,
    scored_with TEXT NOT NULL,
    status TEXT NOT NULL,
    assessors TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    score REAL,
    level INTEGER,
    is_latest INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX assessments_team ON assessments (team_id, questionnaire, date);
CREATE TABLE dimension_scores (
    assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id) ON DELETE CASCADE,
    area TEXT NOT NULL,
    dimension TEXT NOT NULL,
    title TEXT NOT NULL,
    weight REAL NOT NULL,
    score REAL,
    level INTEGER,
    target INTEGER NOT NULL,
    gap REAL,
    priority REAL NOT NULL,
    points REAL,
    questions INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    not_applicable INTEGER NOT NULL,
    dont_know INTEGER NOT NULL,
    unanswered INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, dimension)
);
CREATE TABLE answers (
    assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id) ON DELETE CASCADE,
    dimension TEXT NOT NULL,
    question TEXT NOT NULL,
    state TEXT NOT NULL,
    choice TEXT,
    choice_text TEXT,
    level INTEGER,
    points REAL,
    note TEXT NOT NULL,
    evidence TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question)
);
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    error TEXT
);
CREATE VIEW latest_dimension_scores AS
    SELECT a.team, a.date, a.questionnaire, d.*
    FROM dimension_scores AS d JOIN assessments AS a USING (assessment_id)
    WHERE a.is_latest = 1;
"""

ADDED_TABLES: Final = """
CREATE TABLE IF NOT EXISTS respondents (
    respondent_id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    team_id INTEGER NOT NULL REFERENCES teams (team_id),
    team TEXT NOT NULL,
    respondent TEXT NOT NULL,
    anonymous INTEGER NOT NULL,
    date TEXT NOT NULL,
    questionnaire TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    questionnaire_hash TEXT NOT NULL,
    scored_with TEXT NOT NULL,
    status TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    score REAL,
    level INTEGER
);
CREATE TABLE IF NOT EXISTS respondent_answers (
    respondent_id INTEGER NOT NULL REFERENCES respondents (respondent_id) ON DELETE CASCADE,
    dimension TEXT NOT NULL,
    question TEXT NOT NULL,
    state TEXT NOT NULL,
    choice TEXT,
    choice_text TEXT,
    level INTEGER,
    points REAL,
    note TEXT NOT NULL,
    evidence TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (respondent_id, question)
);
CREATE TABLE IF NOT EXISTS evidence (
    assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id) ON DELETE CASCADE,
    dimension TEXT,
    question TEXT NOT NULL,
    rule TEXT NOT NULL,
    summary TEXT NOT NULL,
    suggests TEXT,
    answer_agrees INTEGER,
    repositories INTEGER NOT NULL,
    matched INTEGER NOT NULL,
    matched_repositories TEXT NOT NULL,
    note TEXT NOT NULL,
    scanned_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS evidence_assessment ON evidence (assessment_id, question);
CREATE TABLE IF NOT EXISTS answer_spread (
    assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id) ON DELETE CASCADE,
    dimension TEXT,
    question TEXT NOT NULL,
    counted INTEGER NOT NULL,
    low REAL,
    high REAL,
    iqr REAL,
    flagged INTEGER NOT NULL,
    distribution TEXT NOT NULL,
    agreed INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, question)
);
CREATE TABLE IF NOT EXISTS dimension_spread (
    assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id) ON DELETE CASCADE,
    dimension TEXT NOT NULL,
    low REAL,
    high REAL,
    questions INTEGER NOT NULL,
    flagged INTEGER NOT NULL,
    agreement REAL,
    PRIMARY KEY (assessment_id, dimension)
);
"""
"""Tables added after the first release of schema version 1: created in an earlier export the
first time it is updated, which then reads every file again to fill them."""


@dataclass
class ExportResult:
    assessments: int = 0
    read: int = 0
    unchanged: int = 0
    removed: int = 0
    respondents: int = 0
    problems: list[str] = field(default_factory=list)


QuestionnaireFinder = Callable[[str], Questionnaire]


def _open(path: Path) -> tuple[sqlite3.Connection, bool]:
    """The database at path: a new one, or an earlier export; anything else is refused. True
    when tables were added to an earlier export (so every file must be read again)."""
    if path.exists():
        if not path.is_file():
            raise AssessError(f"{display(path)}: not a regular file")
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise AssessError(f"{display(path)}: refusing to overwrite a file that is not SQLite")
    try:
        db = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as error:
        raise AssessError(f"{display(path)}: cannot be opened ({error})") from None
    db.execute("PRAGMA foreign_keys = ON")
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        db.executescript(SCHEMA + ADDED_TABLES)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("application", APPLICATION), ("schema_version", str(SCHEMA_VERSION))],
        )
        return db, False
    meta = dict(db.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
    if meta.get("application") != APPLICATION:
        db.close()
        raise AssessError(
            f"{display(path)}: refusing to overwrite a database that is not an assess export"
        )
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        db.close()
        raise AssessError(
            f"{display(path)}: written with schema version {meta.get('schema_version')}, "
            f"this is version {SCHEMA_VERSION}; export into a new file"
        )
    return db, "respondents" not in tables


def _answer_rows(
    aid: int, questionnaire: Questionnaire, assessment: Assessment, resolved: list[Resolved]
) -> list[tuple[object, ...]]:
    """(assessment, dimension, question, state, choice, choice text, level, points, note,
    evidence, source) for every question of the model, from the answers as scored."""
    rows: list[tuple[object, ...]] = []
    answers = assessment.answers
    for (dimension, question), answer in zip(questionnaire.questions(), resolved, strict=True):
        given = answers.get(question.id, NO_ANSWER)
        picked = answer.choice if answer.state == "chosen" else None
        if picked is None:
            choice, text, level, points = None, None, None, None
        else:
            choice, text, level = picked.id, picked.text, picked.level
            points = None if picked.points is None else float(picked.points)
        rows.append(
            (
                aid,
                dimension.id,
                question.id,
                answer.state,
                choice,
                text,
                level,
                points,
                given.note,
                given.evidence,
                given.source,
            )
        )
    return rows


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _insert(
    db: sqlite3.Connection,
    path: str,
    assessment: Assessment,
    questionnaire: Questionnaire,
    card: Scorecard,
    resolved: list[Resolved],
    model_hash: str,
    teams: dict[str, int],
) -> None:
    team_id = _team_id(db, assessment.team, teams)
    cursor = db.execute(
        "INSERT INTO assessments (path, team_id, team, date, questionnaire, questionnaire_version,"
        " questionnaire_hash, scored_with, status, assessors, created, updated, score, level)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            path,
            team_id,
            assessment.team,
            assessment.date.isoformat(),
            assessment.questionnaire,
            assessment.questionnaire_version,
            assessment.questionnaire_hash,
            model_hash,
            assessment.status,
            ", ".join(assessment.assessors),
            assessment.created.isoformat(),
            assessment.updated.isoformat(),
            _number(card.score),
            card.level,
        ),
    )
    aid = _row_id(cursor)
    db.executemany(
        "INSERT INTO dimension_scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                aid,
                d.area,
                d.dimension,
                d.title,
                float(d.weight),
                _number(d.score),
                d.level,
                d.target,
                _number(d.gap),
                float(d.priority),
                _number(d.points),
                d.questions,
                d.answered,
                d.not_applicable,
                d.dont_know,
                d.unanswered,
            )
            for d in card.dimensions
        ],
    )
    db.executemany(
        "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _answer_rows(aid, questionnaire, assessment, resolved),
    )
    if assessment.evidence_found:
        db.executemany(
            "INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _evidence_rows(aid, questionnaire, assessment, resolved),
        )
    if assessment.consolidation is not None:
        _insert_spread(db, aid, questionnaire, assessment.consolidation)


def _team_id(db: sqlite3.Connection, team: str, teams: dict[str, int]) -> int:
    team_id = teams.get(team)
    if team_id is None:
        cursor = db.execute("INSERT INTO teams (name, slug) VALUES (?, ?)", (team, team_slug(team)))
        team_id = teams[team] = _row_id(cursor)
    return team_id


def _evidence_rows(
    aid: int, questionnaire: Questionnaire, assessment: Assessment, resolved: list[Resolved]
) -> list[tuple[object, ...]]:
    """One row per finding of the last scan, with whether the answer given agrees with the
    choice it suggests (NULL when it suggests none, or the question has no chosen answer)."""
    places = {
        question.id: (dimension.id, answer)
        for (dimension, question), answer in zip(questionnaire.questions(), resolved, strict=True)
    }
    rows: list[tuple[object, ...]] = []
    for qid, findings in assessment.evidence_found.items():
        dimension, answer = places.get(qid, (None, None))
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
                    aid,
                    dimension,
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


def _insert_spread(
    db: sqlite3.Connection, aid: int, questionnaire: Questionnaire, consolidation: Consolidation
) -> None:
    """How the respondents of a consolidated assessment spread, per question and dimension."""
    dimension_of = {question.id: dimension.id for dimension, question in questionnaire.questions()}
    db.executemany(
        "INSERT INTO answer_spread VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                aid,
                dimension_of.get(qid),
                qid,
                spread.counted,
                _number(spread.low),
                _number(spread.high),
                _number(spread.iqr),
                int(spread.flagged),
                json.dumps(spread.distribution, sort_keys=True),
                int(qid in consolidation.agreed),
            )
            for qid, spread in consolidation.questions.items()
        ],
    )
    db.executemany(
        "INSERT INTO dimension_spread VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                aid,
                did,
                _number(spread.low),
                _number(spread.high),
                spread.questions,
                spread.flagged,
                _number(spread.agreement),
            )
            for did, spread in consolidation.dimensions.items()
        ],
    )


def _insert_respondent(
    db: sqlite3.Connection,
    path: str,
    assessment: Assessment,
    questionnaire: Questionnaire,
    card: Scorecard,
    resolved: list[Resolved],
    model_hash: str,
    teams: dict[str, int],
) -> None:
    """A respondent file: who (never the name of one who answered anonymously), the own
    overall score, and every answer."""
    cursor = db.execute(
        "INSERT INTO respondents (path, team_id, team, respondent, anonymous, date, questionnaire,"
        " questionnaire_version, questionnaire_hash, scored_with, status, created, updated,"
        " score, level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            path,
            _team_id(db, assessment.team, teams),
            assessment.team,
            "" if assessment.anonymous else assessment.respondent,
            int(assessment.anonymous),
            assessment.date.isoformat(),
            assessment.questionnaire,
            assessment.questionnaire_version,
            assessment.questionnaire_hash,
            model_hash,
            assessment.status,
            assessment.created.isoformat(),
            assessment.updated.isoformat(),
            _number(card.score),
            card.level,
        ),
    )
    db.executemany(
        "INSERT INTO respondent_answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _answer_rows(_row_id(cursor), questionnaire, assessment, resolved),
    )


def _row_id(cursor: sqlite3.Cursor) -> int:
    row_id = cursor.lastrowid
    assert row_id is not None, "an INSERT gives its row id"
    return row_id


def _mark_latest(db: sqlite3.Connection) -> None:
    db.execute("UPDATE assessments SET is_latest = 0")
    db.execute(
        "UPDATE assessments SET is_latest = 1 WHERE assessment_id IN ("
        " SELECT assessment_id FROM ("
        "  SELECT assessment_id, ROW_NUMBER() OVER ("
        "   PARTITION BY team_id, questionnaire ORDER BY date DESC, path DESC) AS n"
        "  FROM assessments) WHERE n = 1)"
    )


def export(
    files: Iterable[Path], out: Path, find_questionnaire: QuestionnaireFinder
) -> ExportResult:
    """Bring the database at out up to date with files (assessments and respondent files); one
    transaction, so a failed run leaves the previous export as it was."""
    db, add_tables = _open(out)
    try:
        db.execute("BEGIN IMMEDIATE")
        if add_tables:
            for statement in ADDED_TABLES.split(";"):
                if statement.strip():
                    db.execute(statement)
        run = _Run(db, find_questionnaire, reread=add_tables)
        seen: set[str] = set()
        for file in files:
            # absolute() rather than resolve(): no system call per file on a large folder.
            key = str(file.absolute())
            if key in seen:
                continue
            seen.add(key)
            run.file(file, key)
        gone = [path for path in run.known if path not in seen]
        for path in gone:
            run.forget(path)
        result = run.result
        result.removed = len(gone)
        db.execute(
            "DELETE FROM teams WHERE team_id NOT IN (SELECT team_id FROM assessments)"
            " AND team_id NOT IN (SELECT team_id FROM respondents)"
        )
        _mark_latest(db)
        (result.assessments,) = db.execute("SELECT COUNT(*) FROM assessments").fetchone()
        (result.respondents,) = db.execute("SELECT COUNT(*) FROM respondents").fetchone()
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()
    return result


Model = tuple[Questionnaire, str] | AssessError
"""A questionnaire with its content hash, or why it could not be found."""


class _Run:
    """One export: what the database knew before, the models and teams met so far."""

    def __init__(
        self, db: sqlite3.Connection, find_questionnaire: QuestionnaireFinder, reread: bool
    ) -> None:
        self.db = db
        self.find_questionnaire = find_questionnaire
        self.reread = reread
        """Read every file again (tables were added that earlier runs did not fill)."""
        self.result = ExportResult()
        self.models: dict[str, Model] = {}
        self.known: dict[str, tuple[object, ...]] = {
            row[0]: row[1:]
            for row in db.execute(
                "SELECT f.path, f.size, f.mtime_ns, f.sha256, f.error,"
                " COALESCE(a.questionnaire, r.questionnaire),"
                " COALESCE(a.scored_with, r.scored_with) FROM files AS f"
                " LEFT JOIN assessments AS a USING (path) LEFT JOIN respondents AS r USING (path)"
            )
        }
        self.teams: dict[str, int] = {
            name: team_id for name, team_id in db.execute("SELECT name, team_id FROM teams")
        }

    def model(self, qid: str) -> Model:
        if qid not in self.models:
            try:
                found = self.find_questionnaire(qid)
                self.models[qid] = (found, questionnaire_hash(found))
            except AssessError as error:
                self.models[qid] = error
        return self.models[qid]

    def current(self, qid: object, scored_with: object) -> bool:
        """Whether rows scored with scored_with are still those of the model qid."""
        if not isinstance(qid, str):
            return False
        found = self.model(qid)
        return not isinstance(found, AssessError) and found[1] == scored_with

    def file(self, file: Path, key: str) -> None:
        db, result = self.db, self.result
        known = self.known.get(key)
        try:
            stat = file.stat()
        except OSError as error:
            self.forget(key)
            result.problems.append(f"{display(file)}: cannot be read ({error.strerror})")
            return
        if known is not None and not self.reread:
            # Files that could not be exported are read again: the model may have been added.
            size, mtime, _, _, qid, scored_with = known
            if (size, mtime) == (stat.st_size, stat.st_mtime_ns) and self.current(qid, scored_with):
                result.unchanged += 1
                return
        try:
            data = read_bytes(file, ASSESSMENT_LIMIT, "an assessment")
        except AssessError as error:
            self.forget(key)
            result.problems.append(error.message.splitlines()[0])
            return
        digest = hashlib.sha256(data).hexdigest()
        unparsed = known is not None and known[2] == digest and known[3] is None
        unparsed = unparsed and not self.reread
        if unparsed and known is not None and self.current(known[4], known[5]):
            db.execute(
                "UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?",
                (stat.st_size, stat.st_mtime_ns, key),
            )
            result.unchanged += 1
            return
        result.read += 1
        if known is not None:
            self.delete_rows(key)
        problem = self.load_and_insert(file, key, data)
        if problem:
            result.problems.append(problem)
        db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            (key, stat.st_size, stat.st_mtime_ns, digest, problem),
        )

    def forget(self, key: str) -> None:
        """A file that can no longer be read keeps no rows from an earlier run."""
        self.delete_rows(key)
        self.db.execute("DELETE FROM files WHERE path = ?", (key,))

    def delete_rows(self, key: str) -> None:
        self.db.execute("DELETE FROM assessments WHERE path = ?", (key,))
        self.db.execute("DELETE FROM respondents WHERE path = ?", (key,))

    def load_and_insert(self, file: Path, key: str, data: bytes) -> str | None:
        """Insert the assessment in data; the problem as one line when it cannot be exported."""
        try:
            assessment = parse_assessment(data.decode("utf-8"), file)
        except UnicodeDecodeError:
            return f"{display(file)}: not UTF-8 text"
        except AssessError as error:
            return error.message.splitlines()[0]
        found = self.model(assessment.questionnaire)
        if isinstance(found, AssessError):
            return f"{display(file)}: {found.message.splitlines()[0]}"
        questionnaire, model_hash = found
        try:
            card, resolved = score_resolved(questionnaire, assessment)
        except ValidationError as error:  # a scorer's own model refusing a value: report, go on
            return f"{display(file)}: cannot be scored ({error.error_count()} problems)"
        if file.parent.name == RESPONDENTS or assessment.respondent or assessment.anonymous:
            insert = _insert_respondent
        else:
            insert = _insert
        insert(self.db, key, assessment, questionnaire, card, resolved, model_hash, self.teams)
        return None
