"""`assess scan` as a person runs it: printed findings, JSON, evidence saved into an assessment."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from assess.cli import cli
from assess.domain.assessment import new_assessment
from assess.files.assessments import load_assessment, save_assessment
from assess.files.questionnaires import find_questionnaire
from tests.conftest import NOW, TODAY
from tests.scan.repos import commit, make_repo, tag, write

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


def test_history_until_sets_the_period_of_the_figures(tmp_path: Path) -> None:
    march = datetime(2026, 3, 1, tzinfo=UTC)
    repo = make_repo(tmp_path / "lib", {"a.py": "x = 1\n"}, when=march)
    tag(repo, "v1.0.0", march + timedelta(days=1))
    write(repo, {"a.py": "x = 2\n"})
    commit(repo, "change", march + timedelta(days=10))
    tag(repo, "v1.1.0", march + timedelta(days=14))
    tag(repo, "v2.0.0", datetime(2026, 5, 1, tzinfo=UTC))  # after the period: not counted

    def frequency(*extra: str) -> dict[str, object]:
        result = CliRunner().invoke(cli, ["scan", str(repo), "--format", "json", *extra])
        assert result.exit_code == 0, result.output
        (finding,) = json.loads(result.output)["findings"]["dora-deploy-frequency"]
        figure: dict[str, object] = finding["repositories"][0]["figure"]
        return figure

    snapshot = frequency("--history-until", "2026-03-31")
    # the 90 days from the end of 31 December to the end of 31 March hold v1.0.0 and v1.1.0
    assert (snapshot["since"], snapshot["until"]) == ("2025-12-31", "2026-03-31")
    assert snapshot["value"] == round(2 * 7 / 90, 2)
    assert str(snapshot["derivation"]).startswith("2 release tags")
    today = frequency()  # the 90 days up to today: none of the three tags
    assert today["until"] == datetime.now(UTC).date().isoformat()
    assert today["value"] == 0


def test_history_until_must_be_a_date(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "lib", CI)
    result = CliRunner().invoke(cli, ["scan", str(repo), "--history-until", "last week"])
    assert result.exit_code == 2
    assert "--history-until" in result.output


def test_skipped_files_are_counted_in_the_table(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {**CI, ".github/workflows/blob.yml": b"run: pytest\0\x01"}
    repo = make_repo(tmp_path / "api", files)
    result = CliRunner().invoke(cli, ["scan", str(repo)])
    assert result.exit_code == 0, result.output
    assert "1 skipped" in result.output.splitlines()[0]
    assert "  api: 1 skipped (binary)" in result.output
