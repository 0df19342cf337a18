"""Files read by worker processes give the same database as files read by the writing process:
a new export, an update in place, problems reported, and a failure half-way."""

import os
import signal
import sqlite3
from pathlib import Path

import pytest

from assess.domain.evidence import Finding, RepositoryResult
from assess.errors import AssessError
from assess.files import export_read
from assess.files.assessments import load_assessment, save_assessment
from assess.files.export import ExportResult, export
from tests.files.test_export import (
    NOW,
    default_model,
    every_file,
    failing_model,
    run,
)


def dump(db: Path) -> list[str]:
    return list(sqlite3.connect(db).iterdump())


def folder_with_everything(tmp_path: Path) -> Path:
    """A demo folder with respondents and a consolidated assessment, scan evidence, a broken
    file, a file of an unknown model and one that is not UTF-8."""
    folder = tmp_path / "demo"
    code, _, _ = run("demo", "--out", str(folder), "--teams", "6", "--date", "2026-11-20")
    assert code == 0
    path = sorted(folder.glob("*/*.json"))[0]
    finding = Finding(
        question="ci-builds",
        rule="pipelines",
        summary="a pipeline",
        suggests=None,
        repositories=[RepositoryResult(repository="api", matched=True)],
        scanned_at=NOW,
    )
    save_assessment(load_assessment(path).with_findings({"ci-builds": [finding]}, NOW), path)
    team = path.parent
    (team / "2026-01-01-broken.json").write_text('{"format": 2, "team": ')
    unknown = load_assessment(path).model_copy(update={"questionnaire": "no-such-model"})
    save_assessment(unknown, team / "2026-01-02-unknown.json")
    (team / "2026-01-03-latin1.json").write_bytes('{"team": "Caf\xe9"}'.encode("latin-1"))
    return folder


def in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for any number of files, a few files at a time."""
    monkeypatch.setattr(export_read, "PARALLEL_FROM", 1)
    monkeypatch.setattr(export_read, "CHUNK", 3)


def read_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files read in this process (a worker adds to its own copy)."""
    calls: list[str] = []
    reader = export_read.Reader.__call__

    def counted(self: export_read.Reader, task: export_read.Task) -> export_read.Prepared:
        calls.append(task.file.name)
        return reader(self, task)

    monkeypatch.setattr(export_read.Reader, "__call__", counted)
    return calls


def test_workers_write_the_same_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = folder_with_everything(tmp_path)
    files = every_file(folder)
    calls = read_here(monkeypatch)
    here = export(files, tmp_path / "here.sqlite", default_model, jobs=1)
    assert len(calls) == len(files)
    calls.clear()
    in_workers(monkeypatch)
    workers = export(files, tmp_path / "workers.sqlite", default_model, jobs=3)
    assert calls == [files[0].name]  # the rest by the workers
    assert workers == here
    assert here.read == len(files) and len(here.problems) == 3
    assert dump(tmp_path / "workers.sqlite") == dump(tmp_path / "here.sqlite")
    tables = sqlite3.connect(tmp_path / "here.sqlite")
    for table in ("evidence", "answer_spread", "respondent_answer_facts", "answer_notes"):
        assert tables.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] > 0, table


def test_workers_update_in_place_as_the_writer_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_with_everything(tmp_path)
    files = every_file(folder)
    here, workers = tmp_path / "here.sqlite", tmp_path / "workers.sqlite"
    export(files, here, default_model, jobs=1)
    export(files, workers, default_model, jobs=1)
    changed = files[::4]
    for path in changed[:-1]:  # one answer edited
        if path.name.endswith(("broken.json", "unknown.json", "latin1.json")):
            continue
        assessment = load_assessment(path)
        save_assessment(assessment.model_copy(update={"assessors": ["B. Okafor"]}), path)
    changed[-1].touch()  # touched, not changed
    files[1].unlink()
    files = every_file(folder)

    def update(db: Path) -> ExportResult:
        return export(files, db, default_model, jobs=2)

    expected = update(here)
    in_workers(monkeypatch)
    assert update(workers) == expected
    assert expected.read > 0 and expected.unchanged > 0 and expected.removed == 1
    assert dump(workers) == dump(here)


def test_a_failure_in_a_worker_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_with_everything(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    in_workers(monkeypatch)
    with pytest.raises(RuntimeError, match="half-way"):
        export(every_file(folder), out / "org.sqlite", failing_model, jobs=2)
    assert list(out.iterdir()) == []


def test_a_worker_killed_stops_the_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = folder_with_everything(tmp_path)
    files = every_file(folder)
    doomed = files[len(files) // 2].name
    reader = export_read.Reader.__call__

    def killed(self: export_read.Reader, task: export_read.Task) -> export_read.Prepared:
        if task.file.name == doomed:
            os.kill(os.getpid(), signal.SIGKILL)
        return reader(self, task)

    monkeypatch.setattr(export_read.Reader, "__call__", killed)
    in_workers(monkeypatch)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(AssessError, match="stopped"):
        export(files, out / "org.sqlite", default_model, jobs=2)
    assert list(out.iterdir()) == []


def test_few_files_are_read_here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Below PARALLEL_FROM files no worker starts."""
    folder = tmp_path / "demo"
    assert run("demo", "--out", str(folder), "--teams", "2", "--date", "2026-11-20")[0] == 0
    calls = read_here(monkeypatch)
    files = every_file(folder)
    assert len(files) < export_read.PARALLEL_FROM
    export(files, tmp_path / "org.sqlite", default_model, jobs=4)
    assert len(calls) == len(files)


def test_the_command_takes_the_number_of_workers(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    assert run("demo", "--out", str(folder), "--teams", "2", "--date", "2026-11-20")[0] == 0
    db = tmp_path / "org.sqlite"
    code, out, _ = run("export", str(folder), "-o", str(db), "--jobs", "2")
    assert code == 0 and out.startswith(f"wrote {db}")
    code, _, err = run("export", str(folder), "-o", str(db), "--jobs", "0")
    assert code == 2 and "--jobs" in err and "Traceback" not in err
