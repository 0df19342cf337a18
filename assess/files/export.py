"""The SQLite export: every assessment found, with its scores and answers, as tables a BI tool
reads directly (schema in docs/export.md).

A new database is written into a temporary file beside the target, without a rollback journal,
and renamed into place when complete. Re-running it on a grown folder updates the database in
place, in one transaction. A file whose path, size and
modification time are as recorded is not read at all; a file that was touched but whose content
hash is unchanged is not parsed again; a file that disappeared loses its rows. Assessments are
scored again when their questionnaire changed since they were exported.
"""

import os
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from assess.errors import AssessError
from assess.files.export_keys import ModelKeys, Sources, facts_insert, model_keys, unpacked
from assess.files.export_read import (
    Models,
    Prepared,
    QuestionnaireFinder,
    Reader,
    Task,
    read_all,
)
from assess.files.export_rows import FileRows
from assess.files.export_schema import (
    APPLICATION,
    INDEXES,
    SCHEMA,
    SCHEMA_VERSION,
    STATE_CODES,
    VERSION_1,
)
from assess.files.names import team_slug
from assess.files.reading import display

SQLITE_HEADER: Final = b"SQLite format 3\x00"


@dataclass
class ExportResult:
    assessments: int = 0
    read: int = 0
    unchanged: int = 0
    removed: int = 0
    respondents: int = 0
    problems: list[str] = field(default_factory=list)


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
    files: Iterable[Path], out: Path, find_questionnaire: QuestionnaireFinder, jobs: int = 1
) -> ExportResult:
    """Bring the database at out up to date with files (assessments and respondent files),
    reading them in up to `jobs` processes (export_read). A new database appears complete or
    not at all; an earlier one is updated in one transaction, so a failed run leaves the
    previous export as it was."""
    if not out.exists():
        # Written where a dangling link points, as opening it would, not over the link.
        target = Path(os.path.realpath(out)) if out.is_symlink() else out
        return _export_new(files, target, find_questionnaire, jobs)
    db, previous = _open(out)
    try:
        result = _fill(db, files, find_questionnaire, previous or set(), jobs)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()
    return result


def _export_new(
    files: Iterable[Path], out: Path, find_questionnaire: QuestionnaireFinder, jobs: int
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
            result = _fill(db, files, find_questionnaire, set(), jobs)
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
    jobs: int,
) -> ExportResult:
    """The rows of files, in the transaction begun; previous: the paths of an earlier export
    whose tables were emptied (they count as removed when no longer among files)."""
    run = _Run(db, find_questionnaire)
    seen: set[str] = set()
    pending: list[tuple[str, os.stat_result]] = []
    tasks: list[Task] = []
    for file in files:
        # absolute() rather than resolve(): no system call per file on a large folder.
        key = str(file.absolute())
        if key in seen:
            continue
        seen.add(key)
        checked = run.check(file, key)
        if checked is not None:
            pending.append((key, checked[0]))
            tasks.append(checked[1])
    for (key, stat), prepared in zip(pending, read_all(tasks, run.reader, jobs), strict=True):
        run.done(key, stat, prepared)
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


class _Run:
    """One export: what the database knew before, the models and teams met so far."""

    def __init__(self, db: sqlite3.Connection, find_questionnaire: QuestionnaireFinder) -> None:
        self.db = db
        self.reader = Reader(find_questionnaire)
        self.models: Models = self.reader.models
        self.result = ExportResult()
        self.keys: dict[str, ModelKeys] = {}
        """By model hash."""
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

    def current(self, qid: object, scored_with: object) -> bool:
        """Whether rows scored with scored_with are still those of the model qid."""
        if not isinstance(qid, str):
            return False
        found = self.models.get(qid)
        return not isinstance(found, AssessError) and found[1] == scored_with

    def check(self, file: Path, key: str) -> tuple[os.stat_result, Task] | None:
        """The file's state and what to read of it; None when it need not be read (as
        exported before, or gone: then it is forgotten)."""
        result = self.result
        known = self.known.get(key)
        try:
            stat = file.stat()
        except OSError as error:
            self.forget(key)
            result.problems.append(f"{display(file)}: cannot be read ({error.strerror})")
            return None
        unchanged_if = None
        if known is not None:
            # Files that could not be exported are read again: the model may have been added.
            size, mtime, digest, failed, qid, scored_with = known
            if self.current(qid, scored_with):
                if (size, mtime) == (stat.st_size, stat.st_mtime_ns):
                    result.unchanged += 1
                    return None
                if failed is None and isinstance(digest, str):
                    unchanged_if = digest
        return stat, Task(file, unchanged_if)

    def done(self, key: str, stat: os.stat_result, prepared: Prepared) -> None:
        """Bring the database up to date with what reading the file at key gave."""
        db, result = self.db, self.result
        if prepared.digest is None:
            self.forget(key)
            result.problems.append(prepared.problem or f"{key}: cannot be read")
            return
        if prepared.rows is None and prepared.problem is None:  # touched, not changed
            db.execute(
                "UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?",
                (stat.st_size, stat.st_mtime_ns, key),
            )
            result.unchanged += 1
            return
        result.read += 1
        if key in self.known:
            self.delete_rows(key)
        problem = prepared.problem
        if prepared.rows is not None:
            problem = self.store(key, prepared.rows)
        if problem:
            result.problems.append(problem)
        db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            (key, stat.st_size, stat.st_mtime_ns, prepared.digest, problem),
        )

    def forget(self, key: str) -> None:
        """A file that can no longer be read keeps no rows from an earlier run."""
        self.delete_rows(key)
        self.db.execute("DELETE FROM files WHERE path = ?", (key,))

    def delete_rows(self, key: str) -> None:
        self.db.execute("DELETE FROM assessments WHERE path = ?", (key,))
        self.db.execute("DELETE FROM respondents WHERE path = ?", (key,))

    def store(self, key: str, rows: FileRows) -> str | None:
        """Insert the rows of the file at key; the problem in one line when they cannot be."""
        found = self.models.get(rows.questionnaire)
        if isinstance(found, AssessError) or found[1] != rows.model_hash:
            # Read by a worker that found the model otherwise than this process does.
            return (
                f"{display(Path(key))}: its questionnaire changed during the export; run it again"
            )
        questionnaire, model_hash = found
        keys = self.keys.get(model_hash)
        if keys is None:
            keys = self.keys[model_hash] = model_keys(self.db, questionnaire, model_hash)
        db = self.db
        table = "respondents" if rows.respondent else "assessments"
        # Before the file's own row: the rows after it name that as the last row inserted.
        sources = [self.sources.key(source) for source in rows.sources]
        team_id = self.team_id(rows.team)
        cursor = db.execute(OWNER_INSERT[table], (key, team_id, *rows.owner))
        owner = _row_id(cursor)
        if rows.respondent:
            facts, notes = "respondent_answer_facts", "respondent_answer_notes"
        else:
            facts, notes = "answer_facts", "answer_notes"
            db.executemany(keys.dimension_insert, rows.dimensions)
        if self.json:
            db.execute(
                facts_insert(facts, len(sources)),
                (owner, keys.first_question, keys.choice_base, rows.answers, *sources),
            )
        else:
            db.executemany(
                f"INSERT INTO {facts} VALUES (?, ?, ?, ?, ?)",
                unpacked(owner, keys, rows.answers, sources),
            )
        if rows.notes:
            db.executemany(keys.notes_insert(notes), rows.notes)
        for name, values, width in (
            ("evidence", rows.evidence, 12),
            ("answer_spread", rows.answer_spread, 10),
            ("dimension_spread", rows.dimension_spread, 7),
        ):
            if values:
                db.executemany(
                    f"INSERT INTO {name} VALUES ({', '.join('?' * width)})",
                    [(owner, *row) for row in values],
                )
        return None


OWNER_INSERT: Final = {
    "assessments": "INSERT INTO assessments (path, team_id, team, date, questionnaire,"
    " questionnaire_version, questionnaire_hash, scored_with, status, assessors, created,"
    " updated, score, level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "respondents": "INSERT INTO respondents (path, team_id, team, respondent, anonymous, date,"
    " questionnaire, questionnaire_version, questionnaire_hash, scored_with, status, created,"
    " updated, score, level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
}
"""An assessment's or respondent file's row: its path, team id, then FileRows.owner."""
