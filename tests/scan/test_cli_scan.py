"""`assess scan` as a person runs it: printed findings, JSON, evidence saved into an assessment."""

import json
from pathlib import Path

from click.testing import CliRunner

from assess.cli import cli
from assess.domain.assessment import new_assessment
from assess.files.assessments import load_assessment, save_assessment
from assess.files.questionnaires import find_questionnaire
from tests.conftest import NOW, TODAY
from tests.scan.repos import make_repo

CI = {".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    steps:\n      - run: pytest\n"}


def test_prints_findings_with_file_and_line(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "api", {**CI, "Dockerfile": "FROM python:3.12\n"})
    result = CliRunner().invoke(cli, ["scan", str(repo)])
    assert result.exit_code == 0, result.output
    assert "scanned 1 repository (api)" in result.output
    assert "continuous-integration / ci-trigger" in result.output
    assert (
        "ci-test-step: 1 matching file in the repository  -> suggests: 90% or more" in result.output
    )
    assert "api: .github/workflows/ci.yml:5  - run: pytest" in result.output
    assert "api: Dockerfile:1  FROM python:3.12" in result.output


def test_json_output(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "api", CI)
    result = CliRunner().invoke(cli, ["scan", str(repo), "--format", "json"])
    data = json.loads(result.output)
    assert data["repositories"][0]["name"] == "api"
    assert data["findings"]["ci-trigger"][1]["suggests"] == "90-or-more"


def test_writes_evidence_into_the_assessment(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "api", CI)
    model = find_questionnaire(None, [])
    path = tmp_path / "a.json"
    save_assessment(new_assessment(model, "Payments", [], TODAY, NOW), path)
    result = CliRunner().invoke(cli, ["scan", str(repo), "--assessment", str(path)])
    assert result.exit_code == 0, result.output
    saved = load_assessment(path)
    assert [f.rule for f in saved.evidence_found["ci-trigger"]] == ["ci-config", "ci-test-step"]
    assert saved.answers == {}


def test_team_finds_the_latest_assessment(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "api", CI)
    model = find_questionnaire(None, [])
    folder = tmp_path / "assessments"
    path = folder / "payments" / "x.json"
    path.parent.mkdir(parents=True)
    save_assessment(new_assessment(model, "Payments", [], TODAY, NOW), path)
    runner = CliRunner()
    ok = runner.invoke(cli, ["scan", str(repo), "--team", "Payments", "--dir", str(folder)])
    assert ok.exit_code == 0, ok.output
    assert load_assessment(path).evidence_found
    missing = runner.invoke(cli, ["scan", str(repo), "--team", "Nobody", "--dir", str(folder)])
    assert missing.exit_code == 1
    assert "error: no assessment of team 'Nobody'" in missing.output


def test_not_a_checkout_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    result = CliRunner().invoke(cli, ["scan", str(tmp_path / "plain")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"error: {tmp_path / 'plain'}: not a git checkout"
    ]


def test_control_characters_from_files_are_shown_not_sent(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "api", {".github/workflows/ci.yml": "run: pytest \x1b[2J\n"})
    result = CliRunner().invoke(cli, ["scan", str(repo)])
    assert "\x1b" not in result.output
    assert "pytest \\x1b[2J" in result.output
