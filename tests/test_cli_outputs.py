"""No command writes its output over data; an existing output file is replaced only with --force."""

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import cli
from assess.domain.assessment import Assessment
from assess.files.assessments import save_assessment, standard_path
from tests.conftest import DATA, NOW, pick

Run = Callable[..., tuple[int, str, str]]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def team_folder(tmp_path: Path, blank: Assessment) -> Path:
    """Two teams' assessments, one answer each."""
    root = tmp_path / "assessments"
    for team in ("Payments", "Search"):
        a = blank.model_copy(update={"team": team}).with_answer(
            "ci-builds", pick("ci-builds", 2), NOW
        )
        save_assessment(a, standard_path(root, a))
    return root


def data_files(tmp_path: Path, team_folder: Path, suffix: str) -> dict[str, Path]:
    """Files holding data, under a name with an output suffix (one that names a format)."""
    other_team = sorted(team_folder.rglob("*.json"))[1]
    folder = tmp_path / suffix.lstrip(".")
    folder.mkdir()
    contents = {
        "an assessment": other_team.read_text(),
        "a questionnaire": (DATA / "tiny.yaml").read_text(),
        "a respondent file": json.dumps({"format": "assess-respondent/1", "name": "Ana"}),
    }
    files = {}
    for kind, text in contents.items():
        files[kind] = folder / f"{kind.split()[-1]}{suffix}"
        files[kind].write_text(text)
    if suffix == ".json":
        files["another team's assessment"] = other_team
    return files


def unchanged(paths: dict[str, Path]) -> Callable[[], None]:
    before = {name: path.read_bytes() for name, path in paths.items()}

    def check() -> None:
        assert {name: path.read_bytes() for name, path in paths.items()} == before

    return check


@pytest.mark.parametrize("suffix", [".pdf", ".html", ".md"])
def test_report_never_writes_over_data(tmp_path: Path, team_folder: Path, suffix: str) -> None:
    source = sorted(team_folder.rglob("*.json"))[0]
    targets = data_files(tmp_path, team_folder, suffix)
    check = unchanged(targets)
    for name, target in targets.items():
        for force in ([], ["--force"]):
            code, _, err = run(
                "report", str(source), "--questionnaires", str(DATA), "-o", str(target), *force
            )
            assert (code, f"refusing to write over {name}" in err) == (1, True), (name, err)
    check()


@pytest.mark.parametrize("suffix", [".csv", ".json", ".md", ".txt", ".html"])
def test_compare_never_writes_over_data(tmp_path: Path, team_folder: Path, suffix: str) -> None:
    targets = data_files(tmp_path, team_folder, suffix)
    check = unchanged(targets)
    for name, target in targets.items():
        code, _, err = run(
            "compare", str(team_folder), "--questionnaires", str(DATA), "-o", str(target), "--force"
        )
        kind = "an assessment" if name == "another team's assessment" else name
        assert (code, f"refusing to write over {kind}" in err) == (1, True), (name, err)
    check()


def test_an_existing_output_is_replaced_only_with_force(tmp_path: Path, team_folder: Path) -> None:
    out = tmp_path / "comparison.csv"
    out.write_text("old")
    args = ("compare", str(team_folder), "--questionnaires", str(DATA), "-o", str(out))
    code, _, err = run(*args)
    assert (code, err) == (1, f"error: {out}: already exists; add --force to replace it\n")
    assert out.read_text() == "old"
    code, _, _ = run(*args, "--force")
    assert code == 0 and out.read_text().startswith('"team",')
    source = sorted(team_folder.rglob("*.json"))[0]
    report = tmp_path / "r.md"
    report.write_text("old")
    base = (
        "report",
        str(source),
        "--questionnaires",
        str(DATA),
        "--format",
        "md",
        "-o",
        str(report),
    )
    assert run(*base)[0] == 1 and report.read_text() == "old"
    assert run(*base, "--force")[0] == 0 and report.read_text().startswith("#")


def test_outputs_refuse_special_files_and_folders(tmp_path: Path, team_folder: Path) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    args = ("compare", str(team_folder), "--questionnaires", str(DATA), "--force", "-o")
    code, _, err = run(*args, str(fifo))
    assert (code, err) == (1, f"error: {fifo}: not a regular file; refusing to write there\n")
    code, _, err = run(*args, str(tmp_path))
    assert code == 2 and "is a directory" in err  # click refuses it before the command runs


def test_demo_refuses_a_folder_of_real_assessments(tmp_path: Path, team_folder: Path) -> None:
    before = {p: p.read_bytes() for p in team_folder.rglob("*.json")}
    code, _, err = run("demo", "--teams", "2", "--out", str(team_folder))
    assert code == 1 and "holds data that `assess demo` did not write" in err
    assert {p: p.read_bytes() for p in team_folder.rglob("*.json")} == before


def test_demo_rewrites_its_own_folder_but_not_a_changed_file(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    args = ("demo", "--teams", "2", "--date", "2026-11-20", "--out", str(out))
    assert run(*args)[0] == 0
    assert run(*args)[0] == 0  # its own files: written again
    victim = sorted(out.rglob("*.json"))[0]
    data = json.loads(victim.read_text())
    data["assessors"] = ["a real person"]
    victim.write_text(json.dumps(data))
    code, _, err = run(*args)
    assert code == 1 and victim.name in err
    assert json.loads(victim.read_text())["assessors"] == ["a real person"]
