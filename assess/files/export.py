"""The SQLite export: every assessment found, with its scores and answers, as tables a BI tool
reads directly (schema in docs/export.md).

A new database is written into a temporary file beside the target, without a rollback journal,
and renamed into place when complete. Re-running it on a grown folder updates the database in
place, in one transaction. A file whose path, size and
modification time are as recorded is not read at all; a file that was touched but whose content
hash is unchanged is not parsed again; a file that disappeared loses its rows. Assessments are
scored again when their questionnaire changed since they were exported.
"""

import hashlib
import json
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from assess.domain.answers import Resolved
from assess.domain.assessment import Assessment, Consolidation, questionnaire_hash
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import Figures, figures
from assess.errors import AssessError
from assess.files.assessments import RESPONDENTS, parse_assessment
from assess.files.export_rows import (
    FACTS_INSERT,
    ModelKeys,
    Sources,
    answer_rows,
    dimension_rows,
    model_keys,
    real,
    unpacked,
)
from assess.files.export_schema import (
    APPLICATION,
    INDEXES,
    SCHEMA,
    SCHEMA_VERSION,
    STATE_CODES,
    VERSION_1,
)
from assess.files.names import team_slug
from assess.files.reading import ASSESSMENT_LIMIT, display, read_bytes

SQLITE_HEADER: Final = b"SQLite format 3\x00"


@dataclass
class ExportResult:
    assessments: int = 0
    read: int = 0
    unchanged: int = 0
    removed: int = 0
    respondents: int = 0
    problems: list[str] = field(default_factory=list)


QuestionnaireFinder = Callable[[str], Questionnaire]


def _check_target(path: Path) -> None:
    """Refuse what is not a regular file holding SQLite (an empty file is fine)."""
    if not path.is_file():
        raise AssessError(f"{display(path)}: not a regular file")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise AssessError(f"{display(path)}: refusing to overwrite a file that is not SQLite")


def _open(path: Path) -> tuple[sqlite3.Connection, set[str] | None]:
    """An earlier export (or an empty database) at path, in a transaction that has begun;
    anything else is refused. An export of schema version 1 has been emptied and given
    version 2's tables: then also the paths it held (every file must be read again)."""
    _check_target(path)
    try:
        db = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as error:
        raise AssessError(f"{display(path)}: cannot be opened ({error})") from None
    try:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        meta = dict(db.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
        if tables and meta.get("application") != APPLICATION:
            raise AssessError(
                f"{display(path)}: refusing to overwrite a database that is not an assess export"
            )
        version = meta.get("schema_version")
        if tables and version not in ("1", str(SCHEMA_VERSION)):
            raise AssessError(
                f"{display(path)}: written with schema version {version}, "
                f"this is version {SCHEMA_VERSION}; export into a new file"
            )
        if version == "1":
            # Rebuilt from scratch: nothing to cascade to (and dropping the tables one by one
            # with foreign keys on would delete their rows one by one first).
            db.execute("BEGIN IMMEDIATE")
            previous = {path for (path,) in db.execute("SELECT path FROM files")}
            for kind, name in VERSION_1:
                db.execute(f"DROP {kind.upper()} IF EXISTS {name}")
            _create(db)
            return db, previous
        db.execute("PRAGMA foreign_keys = ON")  # deleting an assessment deletes its rows
        db.execute("BEGIN IMMEDIATE")
        if not tables:
            _create(db)
        return db, None
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        db.close()
        raise


def _create(db: sqlite3.Connection) -> None:
    """The schema's tables, in the transaction begun (executescript would commit it)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("application", APPLICATION), ("schema_version", str(SCHEMA_VERSION))],
    )
    db.executemany(
        "INSERT INTO answer_states VALUES (?, ?)", [(c, s) for s, c in STATE_CODES.items()]
    )


def _insert(
    run: "_Run",
    path: str,
    assessment: Assessment,
    keys: ModelKeys,
    scores: Figures,
    model_hash: str,
) -> None:
    db, questionnaire = run.db, keys.questionnaire
    team_id = run.team_id(assessment.team)
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
            real(scores.score),
            scores.level,
        ),
    )
    aid = _row_id(cursor)
    db.executemany(
        "INSERT INTO dimension_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        dimension_rows(aid, keys, scores.dimensions),
    )
    run.answers(aid, keys, assessment, scores.resolved, "answer_facts", "answer_notes")
    if assessment.evidence_found:
        db.executemany(
            "INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _evidence_rows(aid, questionnaire, assessment, scores.resolved),
        )
    if assessment.consolidation is not None:
        _insert_spread(db, aid, questionnaire, assessment.consolidation)


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
                real(spread.low),
                real(spread.high),
                real(spread.iqr),
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
                real(spread.low),
                real(spread.high),
                spread.questions,
                spread.flagged,
                real(spread.agreement),
            )
            for did, spread in consolidation.dimensions.items()
        ],
    )


def _insert_respondent(
    run: "_Run",
    path: str,
    assessment: Assessment,
    keys: ModelKeys,
    scores: Figures,
    model_hash: str,
) -> None:
    """A respondent file: who (never the name of one who answered anonymously), the own
    overall score, and every answer."""
    db = run.db
    cursor = db.execute(
        "INSERT INTO respondents (path, team_id, team, respondent, anonymous, date, questionnaire,"
        " questionnaire_version, questionnaire_hash, scored_with, status, created, updated,"
        " score, level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            path,
            run.team_id(assessment.team),
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
            real(scores.score),
            scores.level,
        ),
    )
    owner = _row_id(cursor)
    run.answers(
        owner,
        keys,
        assessment,
        scores.resolved,
        "respondent_answer_facts",
        "respondent_answer_notes",
    )


def has_json(db: sqlite3.Connection) -> bool:
    """Whether this SQLite has its JSON functions (built in since 3.38, optional before)."""
    try:
        db.execute("SELECT COUNT(*) FROM json_each('[1]')")
    except sqlite3.OperationalError:
        return False
    return True


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
    """Bring the database at out up to date with files (assessments and respondent files). A
    new database appears complete or not at all; an earlier one is updated in one transaction,
    so a failed run leaves the previous export as it was."""
    if not out.exists():
        # Written where a dangling link points, as opening it would, not over the link.
        target = Path(os.path.realpath(out)) if out.is_symlink() else out
        return _export_new(files, target, find_questionnaire)
    db, previous = _open(out)
    try:
        result = _fill(db, files, find_questionnaire, previous or set())
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()
    return result


def _export_new(
    files: Iterable[Path], out: Path, find_questionnaire: QuestionnaireFinder
) -> ExportResult:
    """Written into a temporary file beside out, renamed to out once complete: until then
    there is nothing to protect, so no rollback journal and no waiting for the disk at commit."""
    temporary = _temporary_beside(out)
    try:
        db = sqlite3.connect(temporary, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("BEGIN")
            _create(db)
            result = _fill(db, files, find_questionnaire, set())
            db.execute("COMMIT")
        finally:
            db.close()
        with temporary.open("rb") as handle:  # on disk before it has its name
            os.fsync(handle.fileno())
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return result


def _temporary_beside(out: Path) -> Path:
    while True:
        candidate = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
        try:
            # The mode SQLite gives a database it creates.
            os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError:
            continue
        except OSError as error:
            raise AssessError(f"{display(out)}: cannot be written ({error.strerror})") from None
        return candidate


def _fill(
    db: sqlite3.Connection,
    files: Iterable[Path],
    find_questionnaire: QuestionnaireFinder,
    previous: set[str],
) -> ExportResult:
    """The rows of files, in the transaction begun; previous: the paths of an earlier export
    whose tables were emptied (they count as removed when no longer among files)."""
    run = _Run(db, find_questionnaire)
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
    result.removed = len(gone) + len(previous - seen)
    db.execute(
        "DELETE FROM teams WHERE team_id NOT IN (SELECT team_id FROM assessments)"
        " AND team_id NOT IN (SELECT team_id FROM respondents)"
    )
    _mark_latest(db)
    for statement in INDEXES.split(";"):
        if statement.strip():
            db.execute(statement)
    (result.assessments,) = db.execute("SELECT COUNT(*) FROM assessments").fetchone()
    (result.respondents,) = db.execute("SELECT COUNT(*) FROM respondents").fetchone()
    return result


Model = tuple[Questionnaire, str] | AssessError
"""A questionnaire with its content hash, or why it could not be found."""


class _Run:
    """One export: what the database knew before, the models and teams met so far."""

    def __init__(self, db: sqlite3.Connection, find_questionnaire: QuestionnaireFinder) -> None:
        self.db = db
        self.find_questionnaire = find_questionnaire
        self.result = ExportResult()
        self.models: dict[str, Model] = {}
        self.keys: dict[str, ModelKeys] = {}
        """By model hash: its questions' and choices' keys."""
        self.sources = Sources(db)
        self.json = has_json(db)
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

    def team_id(self, team: str) -> int:
        team_id = self.teams.get(team)
        if team_id is None:
            cursor = self.db.execute(
                "INSERT INTO teams (name, slug) VALUES (?, ?)", (team, team_slug(team))
            )
            team_id = self.teams[team] = _row_id(cursor)
        return team_id

    def model_keys(self, questionnaire: Questionnaire, model_hash: str) -> ModelKeys:
        keys = self.keys.get(model_hash)
        if keys is None or keys.questionnaire is not questionnaire:
            keys = self.keys[model_hash] = model_keys(self.db, questionnaire, model_hash)
        return keys

    def answers(
        self,
        owner: int,
        keys: ModelKeys,
        assessment: Assessment,
        resolved: list[Resolved],
        facts: str,
        notes: str,
    ) -> None:
        packed, noted = answer_rows(owner, keys, assessment, resolved, self.sources)
        first = keys.question_keys[0]
        if self.json:
            self.db.execute(FACTS_INSERT.format(table=facts), (owner, first, json.dumps(packed)))
        else:
            self.db.executemany(
                f"INSERT INTO {facts} VALUES (?, ?, ?, ?, ?)", unpacked(owner, first, packed)
            )
        if noted:
            self.db.executemany(f"INSERT INTO {notes} VALUES (?, ?, ?, ?)", noted)

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
        if known is not None:
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
            scores = figures(questionnaire, assessment)
        except ValidationError as error:  # a scorer's own model refusing a value: report, go on
            return f"{display(file)}: cannot be scored ({error.error_count()} problems)"
        if file.parent.name == RESPONDENTS or assessment.respondent or assessment.anonymous:
            insert = _insert_respondent
        else:
            insert = _insert
        keys = self.model_keys(questionnaire, model_hash)
        insert(self, key, assessment, keys, scores, model_hash)
        return None
