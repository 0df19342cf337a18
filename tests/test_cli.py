import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import cli
from assess.domain.assessment import Assessment
from assess.files.assessments import new_path, save_assessment
from tests.conftest import DATA, NOW, pick


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / "tiny.yaml").write_text((DATA / "tiny.yaml").read_text())
    return folder


def test_validate_ok_and_broken() -> None:
    code, out, _ = run("validate", str(DATA / "tiny.yaml"))
    assert (code, out.strip().endswith("ok (2 dimensions, 4 questions)")) == (0, True)
    code, out, err = run("validate", str(DATA / "tiny.yaml"), str(DATA / "broken/zero-weight.yaml"))
    assert code == 1
    assert "zero-weight.yaml:36: areas.0.dimensions.0.questions.1.weight:" in err


def test_schema_is_json_schema_with_field_docs() -> None:
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["title"] == "Questionnaire"
    assert "Unique across the whole questionnaire" in json.dumps(schema)


def test_questionnaires_lists_bundled_and_user_models(user_dir: Path) -> None:
    code, out, _ = run("questionnaires", "--questionnaires", str(user_dir))
    assert code == 0
    assert "devops-mlops" in out and "tiny" in out
    code, out, _ = run("questionnaires", env={"ASSESS_QUESTIONNAIRES": str(user_dir)})
    assert "tiny" in out


def test_unknown_questionnaire_folder_is_one_clear_line(tmp_path: Path) -> None:
    code, _, err = run("questionnaires", "--questionnaires", str(tmp_path / "nope"))
    assert code == 1
    assert err == f"error: {tmp_path / 'nope'}: questionnaire folder not found\n"


def saved(tmp_path: Path, assessment: Assessment) -> Path:
    path = new_path(tmp_path / "assessments", assessment)
    save_assessment(assessment, path)
    return path


def test_score_table_and_json(tmp_path: Path, blank: Assessment, user_dir: Path) -> None:
    a = blank.with_answer("ci-builds", pick("ci-builds", 2), NOW).with_answer(
        "ci-gate", pick("ci-gate", 2), NOW
    )
    path = saved(tmp_path, a)
    code, out, _ = run("score", str(path), "--questionnaires", str(user_dir))
    assert code == 0
    # 3.75 is shown cut down to 3.7: a figure never reads higher than the score.
    assert "Continuous integration" in out and "3.7" in out and "incomplete" in out
    code, out, _ = run("score", str(path), "--format", "json", "--questionnaires", str(user_dir))
    data = json.loads(out)
    assert data["team"] == "Payments"
    assert data["dimensions"][0]["score"] == 3.75
    assert data["dimensions"][1]["score"] is None
    assert data["complete"] is False


def test_score_warns_when_the_questionnaire_changed(
    tmp_path: Path, blank: Assessment, user_dir: Path
) -> None:
    path = saved(tmp_path, blank.model_copy(update={"questionnaire_hash": "sha256:old"}))
    code, _, err = run("score", str(path), "--questionnaires", str(user_dir))
    assert code == 0
    assert err.startswith("warning: questionnaire 'tiny' changed since")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ('{"team": ["unclosed"', "a.json:1: not valid JSON"),
        ('["a list"]', "must be a mapping of fields, not a list"),
        ('{"shopping": ["milk"]}', "not an assessment file"),
    ],
)
def test_score_user_errors_are_one_line(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "a.json"
    if content is not None:
        path.write_text(content)
    code, out, err = run("score", str(path))
    assert code == 1
    assert len(err.splitlines()) == 1
    assert err.startswith("error: ") and message in err
    assert "Traceback" not in out + err


DEMO = ("demo", "--teams", "4", "--seed", "3", "--date", "2026-11-20", "--out")


def test_demo_is_deterministic(tmp_path: Path) -> None:
    for out in ("one", "two"):
        code, stdout, _ = run(*DEMO, str(tmp_path / out))
        assert code == 0 and "wrote 6 sample assessments of 4 teams" in stdout
    one = sorted((tmp_path / "one").rglob("*.json"))
    two = sorted((tmp_path / "two").rglob("*.json"))
    assert [p.relative_to(tmp_path / "one") for p in one] == [
        p.relative_to(tmp_path / "two") for p in two
    ]
    assert [p.read_text() for p in one] == [p.read_text() for p in two]
    # running it again overwrites the same files instead of adding copies
    run(*DEMO, str(tmp_path / "one"))
    # six team assessments, five respondents and their team's consolidated assessment
    assert len(list((tmp_path / "one").rglob("*.json"))) == 12
