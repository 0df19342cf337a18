"""`assess export`: the SQLite database a BI tool reads, and updating it in place."""

import os
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import cli
from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.evidence import Finding, RepositoryResult
from assess.domain.questionnaire import Questionnaire
from assess.files import export as export_module
from assess.files.assessments import (
    assessment_files,
    load_assessment,
    new_path,
    save_assessment,
    to_json,
)
from assess.files.export import export
from assess.files.questionnaires import find_questionnaire, load_questionnaire
from assess.files.respondents import respondent_files
from tests.conftest import DATA, by_position

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def summary(assessments: int, read: int, unchanged: int, removed: int, respondents: int = 0) -> str:
    return (
        f"{assessments} assessments, {respondents} respondent files "
        f"({read} read, {unchanged} unchanged, {removed} removed)\n"
    )


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The default model's demo folder: 4 teams, teams 1 and 4 assessed twice (6 files)."""
    folder = tmp_path / "demo"
    code, _, _ = run(
        "demo", "--out", str(folder), "--teams", "4", "--date", "2026-11-20", "--no-respondents"
    )
    assert code == 0
    return folder


def test_schema_and_row_counts_for_a_demo_folder(demo: Path, tmp_path: Path) -> None:
    db = tmp_path / "org.sqlite"
    code, out, err = run("export", str(demo), "-o", str(db))
    assert (code, err) == (0, "")
    assert out == f"wrote {db}: " + summary(6, 6, 0, 0)
    model = find_questionnaire(None, [])
    dimensions = sum(1 for _ in model.dimensions())
    questions = sum(1 for _ in model.questions())
    tables = {row[0] for row in query(db, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"meta", "teams", "assessments", "files"} | {
        "dimensions",
        "dimension_facts",
        "questions",
        "choices",
        "answer_states",
        "answer_sources",
        "answer_facts",
        "answer_notes",
        "respondents",
        "respondent_answer_facts",
        "respondent_answer_notes",
        "evidence",
        "answer_spread",
        "dimension_spread",
    }
    views = {row[0] for row in query(db, "SELECT name FROM sqlite_master WHERE type='view'")}
    assert views == {"answers", "respondent_answers", "dimension_scores"} | {
        "latest_dimension_scores"
    }
    assert query(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [("2",)]
    assert query(db, "SELECT COUNT(*) FROM teams") == [(4,)]
    assert query(db, "SELECT COUNT(*) FROM dimension_facts") == [(6 * dimensions,)]
    assert query(db, "SELECT COUNT(*) FROM dimension_scores") == [(6 * dimensions,)]
    assert query(db, "SELECT COUNT(*), SUM(questions) FROM dimensions") == [(dimensions, questions)]
    assert query(db, "SELECT COUNT(*) FROM answer_facts") == [(6 * questions,)]
    assert query(db, "SELECT COUNT(*) FROM answers") == [(6 * questions,)]
    # The model's questions and choices once, however many assessments answered it.
    choices = sum(len(q.choices) for _, q in model.questions())
    assert query(db, "SELECT COUNT(*), COUNT(DISTINCT scored_with) FROM questions") == [
        (questions, 1)
    ]
    assert query(db, "SELECT COUNT(*) FROM choices") == [(choices,)]
    given = [
        answer
        for path in demo.glob("*/*.json")
        for qid, answer in load_assessment(path).answers.items()
    ]
    noted = sum(1 for answer in given if answer.note or answer.evidence)
    assert 0 < noted < len(given)
    assert query(db, "SELECT COUNT(*) FROM answer_notes") == [(noted,)]
    assert query(db, "SELECT COUNT(*) FROM answers WHERE note != '' OR evidence != ''") == [
        (noted,)
    ]
    sources = {answer.source for answer in given} - {""}
    assert query(db, "SELECT source FROM answer_sources ORDER BY source") == [
        (source,) for source in sorted(sources)
    ]
    assert query(db, "SELECT COUNT(*) FROM files") == [(6,)]
    # The latest assessment per team and model: four of the six.
    assert query(db, "SELECT COUNT(*) FROM assessments WHERE is_latest = 1") == [(4,)]
    assert query(db, "SELECT COUNT(DISTINCT team) FROM latest_dimension_scores") == [(4,)]
    assert query(db, "SELECT MIN(date) FROM assessments WHERE is_latest = 0") == [("2026-08-21",)]


@pytest.fixture
def tiny_folder(tmp_path: Path) -> tuple[Path, Path]:
    models = tmp_path / "models"
    models.mkdir()
    (models / "tiny.yaml").write_text((DATA / "tiny.yaml").read_text())
    return models, tmp_path / "assessments"


def tiny_assessment(models: Path, team: str, on: date, answers: dict[str, Answer]) -> Assessment:
    tiny = load_questionnaire(models / "tiny.yaml")
    assessment = new_assessment(tiny, team, ["A. Rivera"], on, NOW)
    return assessment.model_copy(
        update={"answers": by_position(tiny, answers), "status": "complete"}
    )


FULL = {
    "ci-builds": Answer(position=2, note="Most repos.", evidence="ci.example"),
    "ci-gate": Answer(position=1),
    "tracking-runs": Answer(position=2),
    "tracking-compare": Answer(skip="not-applicable"),
}


def test_scores_and_answers_by_hand(tiny_folder: tuple[Path, Path], tmp_path: Path) -> None:
    models, root = tiny_folder
    save_assessment(
        a := tiny_assessment(models, "Payments", date(2026, 11, 20), FULL), new_path(root, a)
    )
    db = tmp_path / "org.sqlite"
    code, _, _ = run("export", str(root), "-o", str(db), "--questionnaires", str(models))
    assert code == 0
    # ci: (3 × 1 + 1 × 3) / 4 = 1.5, target 4, gap 2.5, priority 2.5 × 2 = 5; tracking: only
    # tracking-runs (level 2), target 3, gap 1, priority 1; overall (1.5 × 2 + 2) / 3 = 5/3.
    rows = query(
        db,
        "SELECT dimension, score, level, target, gap, priority, answered, not_applicable"
        " FROM dimension_scores ORDER BY dimension",
    )
    assert rows == [("ci", 1.5, 1, 4, 2.5, 5.0, 2, 0), ("tracking", 2.0, 2, 3, 1.0, 1.0, 1, 1)]
    ((overall, level),) = query(db, "SELECT score, level FROM assessments")
    assert overall == pytest.approx(5 / 3) and level == 1
    answers = query(
        db,
        "SELECT question, state, choice_text, level, note, evidence FROM answers ORDER BY question",
    )
    assert answers == [
        ("ci-builds", "chosen", "Some", 3, "Most repos.", "ci.example"),
        ("ci-gate", "chosen", "No", 1, "", ""),
        ("tracking-compare", "not-applicable", None, None, "", ""),
        ("tracking-runs", "chosen", "In a spreadsheet", 2, "", ""),
    ]


def test_rerun_reads_only_new_and_changed_files(
    tiny_folder: tuple[Path, Path], tmp_path: Path
) -> None:
    models, root = tiny_folder
    paths = []
    for team in ("Payments", "Search", "Checkout"):
        a = tiny_assessment(models, team, date(2026, 11, 20), FULL)
        paths.append(new_path(root, a))
        save_assessment(a, paths[-1])
    db = tmp_path / "org.sqlite"
    args = ("export", str(root), "-o", str(db), "--questionnaires", str(models))
    assert run(*args)[1].endswith(summary(3, 3, 0, 0))
    assert run(*args)[1].endswith(summary(3, 0, 3, 0))

    # Added: a second assessment of Payments, which becomes its latest.
    later = tiny_assessment(models, "Payments", date(2027, 2, 20), {"ci-gate": Answer(position=2)})
    save_assessment(later, new_path(root, later))
    # Changed: Search's ci-gate answer; touched without change: Checkout.
    search = load_assessment(paths[1])
    tiny = load_questionnaire(models / "tiny.yaml")
    gate = by_position(tiny, {"ci-gate": Answer(position=2)})["ci-gate"]
    changed = search.with_answer("ci-gate", gate, NOW)
    save_assessment(changed, paths[1])
    os.utime(paths[2], ns=(1, 1))
    assert run(*args)[1].endswith(summary(4, 2, 2, 0))
    # Search's ci: (3 × 1 + 4 × 3) / 4 = 3.75.
    rows = query(
        db,
        "SELECT a.team, a.date, a.is_latest, d.score FROM dimension_scores AS d"
        " JOIN assessments AS a USING (assessment_id) WHERE d.dimension = 'ci'"
        " ORDER BY a.team, a.date",
    )
    assert rows == [
        ("Checkout", "2026-11-20", 1, 1.5),
        ("Payments", "2026-11-20", 0, 1.5),
        ("Payments", "2027-02-20", 1, 4.0),
        ("Search", "2026-11-20", 1, 3.75),
    ]
    assert query(db, "SELECT COUNT(*) FROM answers") == [(4 * 4,)]

    paths[2].unlink()
    assert run(*args)[1].endswith(summary(3, 0, 3, 1))
    assert query(db, "SELECT name FROM teams ORDER BY name") == [("Payments",), ("Search",)]


def test_broken_files_are_left_out_with_a_warning(
    tiny_folder: tuple[Path, Path], tmp_path: Path
) -> None:
    models, root = tiny_folder
    a = tiny_assessment(models, "Payments", date(2026, 11, 20), FULL)
    save_assessment(a, new_path(root, a))
    (root / "broken.json").write_text('{"format": "assess-assessment/1", "team": ')
    db = tmp_path / "org.sqlite"
    code, out, err = run("export", str(root), "-o", str(db), "--questionnaires", str(models))
    assert code == 0 and "1 assessments" in out
    assert err.startswith("warning: left out: ") and "broken.json:1: not valid JSON" in err


def test_refuses_to_overwrite_what_is_not_an_export(tmp_path: Path, demo: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("my notes\n")
    code, _, err = run("export", str(demo), "-o", str(text))
    assert code == 1 and "refusing to overwrite a file that is not SQLite" in err
    assert text.read_text() == "my notes\n"
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE sales (n INTEGER)")
    code, _, err = run("export", str(demo), "-o", str(other))
    assert code == 1 and "not an assess export" in err
    assert query(other, "SELECT name FROM sqlite_master") == [("sales",)]
    code, _, err = run("export", str(demo), "-o", str(tmp_path / "x.json"))
    assert code == 1 and err.startswith("error: ")


def test_a_link_to_an_export_yet_to_be_made_is_followed(tmp_path: Path, demo: Path) -> None:
    link = tmp_path / "link.sqlite"
    link.symlink_to(tmp_path / "target.sqlite")
    assert run("export", str(demo), "-o", str(link))[0] == 0
    assert link.is_symlink()
    assert query(tmp_path / "target.sqlite", "SELECT COUNT(*) FROM teams") == [(4,)]


@pytest.fixture
def demo_with_respondents(tmp_path: Path) -> Path:
    """The demo folder with its respondents: Streaming has five respondent files (one anonymous)
    and an assessment consolidated from them; 7 assessments in all."""
    folder = tmp_path / "demo-respondents"
    code, _, _ = run("demo", "--out", str(folder), "--teams", "4", "--date", "2026-11-20")
    assert code == 0
    return folder


def test_respondents_and_their_spread(demo_with_respondents: Path, tmp_path: Path) -> None:
    folder = demo_with_respondents
    respondent_files = sorted(folder.glob("*/respondents/*.json"))
    assert len(respondent_files) == 5
    # An anonymous respondent whose file still carries a name: the name is never exported.
    anonymous = next(p for p in respondent_files if load_assessment(p).anonymous)
    named = load_assessment(anonymous).model_copy(update={"respondent": "Secret Sanchez"})
    anonymous.write_text(to_json(named), encoding="utf-8")
    db = tmp_path / "org.sqlite"
    code, out, err = run("export", str(folder), "-o", str(db))
    assert (code, err) == (0, "")
    assert out == f"wrote {db}: " + summary(7, 12, 0, 0, respondents=5)
    questions = sum(1 for _ in find_questionnaire(None, []).questions())
    assert query(db, "SELECT COUNT(*) FROM respondents") == [(5,)]
    assert query(db, "SELECT COUNT(*) FROM respondent_answers") == [(5 * questions,)]
    assert query(
        db, "SELECT COUNT(*) FROM respondents WHERE anonymous = 1 AND respondent = ''"
    ) == [(1,)]
    assert b"Secret Sanchez" not in db.read_bytes()
    # Respondent files are not assessments: the team's latest assessment is its consolidated one.
    assert query(db, "SELECT COUNT(*) FROM assessments WHERE path LIKE '%/respondents/%'") == [(0,)]
    consolidated = next(
        load_assessment(p)
        for p in folder.glob("streaming-*/*.json")
        if load_assessment(p).consolidation is not None
    )
    assert consolidated.consolidation is not None
    spread = consolidated.consolidation
    assert query(db, "SELECT COUNT(*) FROM answer_spread") == [(len(spread.questions),)]
    assert query(db, "SELECT COUNT(*) FROM dimension_spread") == [(len(spread.dimensions),)]
    flagged = sum(s.flagged for s in spread.questions.values())
    assert query(db, "SELECT SUM(flagged) FROM answer_spread") == [(flagged,)]
    assert query(
        db, "SELECT DISTINCT a.team FROM answer_spread JOIN assessments AS a USING (assessment_id)"
    ) == [("Streaming",)]

    # Re-run: nothing read; a respondent file removed takes its rows with it.
    assert run("export", str(folder), "-o", str(db))[1].endswith(summary(7, 0, 12, 0, 5))
    respondent_files[0].unlink()
    assert run("export", str(folder), "-o", str(db))[1].endswith(summary(7, 0, 11, 1, 4))
    assert query(db, "SELECT COUNT(*) FROM respondent_answers") == [(4 * questions,)]


def test_scan_evidence_by_hand(tiny_folder: tuple[Path, Path], tmp_path: Path) -> None:
    models, root = tiny_folder
    a = tiny_assessment(models, "Payments", date(2026, 11, 20), FULL)  # ci-builds: "some"

    def finding(rule: str, suggests: str | None, *matched: bool) -> Finding:
        repositories = [
            RepositoryResult(repository=name, matched=m)
            for name, m in zip(("api", "web", "jobs"), matched, strict=False)
        ]
        return Finding(
            question="ci-builds",
            rule=rule,
            summary=f"{rule} summary",
            suggests=suggests,
            repositories=repositories,
            scanned_at=NOW,
        )

    found = {
        "ci-builds": [
            finding("pipelines", "some", True, False),  # agrees with the answer
            finding("push-trigger", "all", True, True, True),  # suggests more than answered
            finding("badges", None, False, True),  # evidence only
        ],
        "gone-question": [finding("old", "x", True)],  # a question the model no longer has
    }
    save_assessment(a.with_findings(found, NOW), new_path(root, a))
    db = tmp_path / "org.sqlite"
    assert run("export", str(root), "-o", str(db), "--questionnaires", str(models))[0] == 0
    rows = query(
        db,
        "SELECT dimension, question, rule, suggests, answer_agrees, repositories, matched,"
        " matched_repositories, scanned_at FROM evidence ORDER BY question, rule",
    )
    stamp = NOW.isoformat()
    assert rows == [
        ("ci", "ci-builds", "badges", None, None, 2, 1, "web", stamp),
        ("ci", "ci-builds", "pipelines", "some", 1, 2, 1, "api", stamp),
        ("ci", "ci-builds", "push-trigger", "all", 0, 3, 3, "api, web, jobs", stamp),
        (None, "gone-question", "old", "x", None, 1, 1, "api", stamp),
    ]


def every_file(folder: Path) -> list[Path]:
    return [*assessment_files([folder]), *respondent_files([folder])]


def default_model(qid: str) -> Questionnaire:
    return find_questionnaire(qid, [])


def failing_model(qid: str) -> Questionnaire:
    raise RuntimeError("the run fails half-way")


def contents(db: Path) -> list[tuple[object, ...]]:
    """Every readable row of an export, ids replaced by the paths they stand for."""
    tables = {
        "assessments": "SELECT * FROM assessments ORDER BY path",
        "respondents": "SELECT * FROM respondents ORDER BY path",
        "answers": "SELECT a.path, x.* FROM answers AS x JOIN assessments AS a USING"
        " (assessment_id) ORDER BY a.path, x.question",
        "respondent_answers": "SELECT r.path, x.* FROM respondent_answers AS x JOIN respondents"
        " AS r USING (respondent_id) ORDER BY r.path, x.question",
        "dimension_scores": "SELECT a.path, d.* FROM dimension_scores AS d JOIN assessments AS a"
        " USING (assessment_id) ORDER BY a.path, d.dimension",
        "answer_spread": "SELECT a.path, s.* FROM answer_spread AS s JOIN assessments AS a"
        " USING (assessment_id) ORDER BY a.path, s.question",
        "files": "SELECT path, size, sha256, error FROM files ORDER BY path",
        "teams": "SELECT name, slug FROM teams ORDER BY name",
    }
    return [(name, *row) for name, sql in tables.items() for row in query(db, sql)]


def version_1_export(db: Path, gone: Path) -> None:
    """An export as schema version 1 wrote it, with one assessment of a file since deleted, and a
    BI user's own view on its answers."""
    with sqlite3.connect(db) as connection:
        connection.executescript((DATA / "export-v1.sql").read_text())
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("application", "assess-export"), ("schema_version", "1")],
        )
        connection.execute("INSERT INTO teams VALUES (1, 'Gone', 'gone-9d2b1a')")
        connection.execute(
            "INSERT INTO assessments (assessment_id, path, team_id, team, date, questionnaire,"
            " questionnaire_version, questionnaire_hash, scored_with, status, assessors, created,"
            " updated) VALUES (1, ?, 1, 'Gone', '2026-01-05', 'm', '1', 'h', 'h', 'complete', '',"
            " '', '')",
            (str(gone),),
        )
        connection.execute(
            "INSERT INTO answers VALUES (1, 'd', 'q', 'dont-know', NULL, NULL, NULL, NULL, '',"
            " '', '')"
        )
        connection.execute("INSERT INTO files VALUES (?, 1, 1, 'x', NULL)", (str(gone),))
        connection.execute(
            "CREATE VIEW dont_knows AS SELECT question, COUNT(*) AS n FROM answers"
            " WHERE state = 'dont-know' GROUP BY question"
        )


def test_a_version_1_export_is_rebuilt_in_place_from_every_file(
    demo_with_respondents: Path, tmp_path: Path
) -> None:
    db = tmp_path / "org.sqlite"
    version_1_export(db, tmp_path / "gone.json")
    code, out, err = run("export", str(demo_with_respondents), "-o", str(db))
    assert (code, err) == (0, "")
    assert out.endswith(summary(7, 12, 0, 1, 5))
    assert query(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [("2",)]
    fresh = tmp_path / "fresh.sqlite"
    run("export", str(demo_with_respondents), "-o", str(fresh))
    assert contents(db) == contents(fresh)
    # The user's view now reads the answers view.
    expected = query(
        fresh,
        "SELECT question, COUNT(*) FROM answers WHERE state = 'dont-know' GROUP BY question",
    )
    assert expected and query(db, "SELECT * FROM dont_knows") == expected
    assert run("export", str(demo_with_respondents), "-o", str(db))[1].endswith(
        summary(7, 0, 12, 0, 5)
    )


def test_a_failed_rebuild_leaves_the_version_1_export_as_it_was(demo: Path, tmp_path: Path) -> None:
    db = tmp_path / "org.sqlite"
    version_1_export(db, tmp_path / "gone.json")
    before = list(sqlite3.connect(db).iterdump())
    with pytest.raises(RuntimeError):
        export(every_file(demo), db, failing_model)
    assert list(sqlite3.connect(db).iterdump()) == before


def test_a_failed_new_export_leaves_no_file(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RuntimeError):
        export(every_file(demo), out / "org.sqlite", failing_model)
    assert list(out.iterdir()) == []
    export(every_file(demo), out / "org.sqlite", default_model)
    assert [p.name for p in out.iterdir()] == ["org.sqlite"]


def test_a_failed_update_leaves_the_export_as_it_was(demo: Path, tmp_path: Path) -> None:
    db = tmp_path / "org.sqlite"
    export(every_file(demo), db, default_model)
    before = list(sqlite3.connect(db).iterdump())
    path = next(demo.glob("*/*.json"))
    assessment = load_assessment(path)
    save_assessment(assessment.model_copy(update={"assessors": ["B. Okafor"]}), path)
    with pytest.raises(RuntimeError):
        export(every_file(demo), db, failing_model)
    assert list(sqlite3.connect(db).iterdump()) == before


def test_an_export_of_another_schema_version_is_refused(demo: Path, tmp_path: Path) -> None:
    db = tmp_path / "org.sqlite"
    export(every_file(demo), db, default_model)
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    code, _, err = run("export", str(demo), "-o", str(db))
    assert code == 1 and "written with schema version 3, this is version 2" in err


@pytest.mark.parametrize("json_functions", [True, False])
def test_sources_by_hand(
    tiny_folder: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    json_functions: bool,
) -> None:
    """Each file numbers its own sources; the export keeps every answer's, whatever the order
    in which files name them."""
    models, root = tiny_folder
    sources = {
        "Payments": ("interview", "form", "", "interview"),
        "Search": ("form", "", "scan", "interview"),
    }
    for team, given in sources.items():
        answers = {
            qid: answer.model_copy(update={"source": source})
            for (qid, answer), source in zip(FULL.items(), given, strict=True)
        }
        a = tiny_assessment(models, team, date(2026, 11, 20), answers)
        save_assessment(a, new_path(root, a))
    if not json_functions:
        monkeypatch.setattr(export_module, "has_json", lambda db: False)
    db = tmp_path / "org.sqlite"
    assert run("export", str(root), "-o", str(db), "--questionnaires", str(models))[0] == 0
    got = query(
        db,
        "SELECT a.team, x.question, x.source FROM answers AS x JOIN assessments AS a"
        " USING (assessment_id) ORDER BY a.team, x.question",
    )
    expected = [
        (team, qid, source)
        for team, given in sources.items()
        for qid, source in sorted(zip(FULL, given, strict=True))
    ]
    assert got == expected
    assert query(db, "SELECT source FROM answer_sources ORDER BY source_key") == [
        ("interview",),
        ("form",),
        ("scan",),
    ]
