"""Text from files reaches the terminal only in its visible form, never as markup: team names and
every model text shown by score, compare (table, CSV, Markdown, JSON on stdout), questionnaires,
error and warning lines."""

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import cli
from assess.domain.samples import sample_assessments
from assess.files.assessments import save_assessment, standard_path
from assess.files.questionnaires import load_questionnaire
from tests.conftest import DATA
from tests.hostile import HOSTILE, SHOWN, TITLE_ESCAPE, hostile_model

# Wide, so that long hostile names are not wrapped and can be found whole; FORCE_COLOR makes rich
# write styles and links as it would to a real terminal.
PLAIN = {"COLUMNS": "3000"}
STYLED = {"COLUMNS": "3000", "FORCE_COLOR": "1", "TERM": "xterm-256color"}


def run(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def assert_nothing_raw(output: str, styled: bool) -> None:
    # rich writes its own colour escapes when styled; never a title (OSC 0), a hyperlink (OSC 8),
    # a bell or a bidirectional control, and with no styles no escape at all.
    for raw in ("\x1b]", "\x07", "\u202e", "\u2066", *([] if styled else ["\x1b"])):
        assert raw not in output, f"{raw!r} reached the terminal"


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """A hostile copy of the tiny model and three teams assessed on it, one named HOSTILE."""
    models = tmp_path / "models"
    model = load_questionnaire(hostile_model(DATA / "tiny.yaml", models))
    root = tmp_path / "assessments"
    for n, a in enumerate(sample_assessments(model, 3, seed=5, today=date(2026, 11, 1))):
        if n == 0:
            a = a.model_copy(update={"team": HOSTILE})
        save_assessment(a, standard_path(root, a))
    return models, root


def hostile_file(root: Path) -> Path:
    return next(p for p in root.rglob("*.json") if json.loads(p.read_text())["team"] == HOSTILE)


@pytest.mark.parametrize("env", [PLAIN, STYLED], ids=["plain", "styled"])
def test_score_table(hostile: tuple[Path, Path], env: dict[str, str]) -> None:
    models, root = hostile
    code, out, err = run("score", str(hostile_file(root)), "--questionnaires", str(models), env=env)
    assert code == 0, err
    assert_nothing_raw(out + err, styled=env is STYLED)
    if env is PLAIN:
        assert SHOWN in out  # the team name, markup and all, as written
        assert f"Continuous integration {SHOWN}" in out


def test_score_json_is_the_same_data(hostile: tuple[Path, Path]) -> None:
    models, root = hostile
    args = ("score", str(hostile_file(root)), "--format", "json", "--questionnaires", str(models))
    code, out, _ = run(*args, env=PLAIN)
    assert code == 0
    assert_nothing_raw(out, styled=False)
    assert json.loads(out)["team"] == HOSTILE


@pytest.mark.parametrize("fmt", ["table", "csv", "md", "json"])
@pytest.mark.parametrize("env", [PLAIN, STYLED], ids=["plain", "styled"])
@pytest.mark.parametrize("teams", ["few", "many"])
def test_compare_to_stdout(
    hostile: tuple[Path, Path], fmt: str, env: dict[str, str], teams: str
) -> None:
    models, root = hostile
    # Few teams show a transposed table (teams as columns), many the compact heat map.
    width = {"few": "3000", "many": "60"}[teams]
    args = ("compare", str(root), "--format", fmt, "--questionnaires", str(models))
    code, out, err = run(*args, env={**env, "COLUMNS": width})
    assert code == 0, err
    assert_nothing_raw(out + err, styled=env is STYLED)
    if fmt == "json":
        assert HOSTILE in {r["team"] for r in json.loads(out)}
    elif env is PLAIN and fmt == "csv":
        assert SHOWN in out
    elif env is PLAIN and fmt == "table" and teams == "many":
        assert "\\x1b]0;pwned\\x07" in out and "[/x]" in out


def test_compare_to_a_file_keeps_the_data(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    """A file is not a terminal: the CSV holds the team name as the assessment does."""
    models, root = hostile
    out = tmp_path / "c.csv"
    code, _, err = run(
        "compare", str(root), "-o", str(out), "--questionnaires", str(models), env=PLAIN
    )
    assert code == 0 and "wrote" in err
    assert HOSTILE in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("env", [PLAIN, STYLED], ids=["plain", "styled"])
def test_questionnaires_list(hostile: tuple[Path, Path], env: dict[str, str]) -> None:
    models, _ = hostile
    code, out, err = run("questionnaires", "--questionnaires", str(models), env=env)
    assert code == 0, err
    assert_nothing_raw(out + err, styled=env is STYLED)
    if env is PLAIN:
        assert f"Model {SHOWN}" in out and "1.0\\x1b]0;pwned\\x07" in out


def test_error_lines(tmp_path: Path) -> None:
    missing = tmp_path / f"team{TITLE_ESCAPE}\u202e[/x].json"
    code, out, err = run("score", str(missing), env=STYLED)
    assert code == 1 and out == ""
    assert_nothing_raw(err, styled=False)
    assert err.startswith("error: ") and "team\\x1b]0;pwned\\x07\\u202e[/x].json" in err
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "x", "team": HOSTILE}), encoding="utf-8")
    bad_named = tmp_path / f"{TITLE_ESCAPE}.json"
    bad_named.write_text("{", encoding="utf-8")
    code, _, err = run("compare", str(bad_named), env=PLAIN)
    assert code == 1
    assert_nothing_raw(err, styled=False)
    assert "\\x1b]0;pwned\\x07.json:1: not valid JSON" in err


def test_validate_and_warning_lines(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    models, root = hostile
    broken = tmp_path / f"broken{TITLE_ESCAPE}.yaml"
    broken.write_text("id: [\n", encoding="utf-8")
    code, out, err = run("validate", str(broken), env=PLAIN)
    assert code == 1
    assert_nothing_raw(out + err, styled=False)
    assert "broken\\x1b]0;pwned\\x07.yaml" in err
    # The model's version changed since the assessment: the warning names both versions.
    model = models / "tiny.yaml"
    model.write_text(
        model.read_text(encoding="utf-8").replace("description: Two", "description: 2", 1),
        encoding="utf-8",
    )
    code, _, err = run("score", str(hostile_file(root)), "--questionnaires", str(models), env=PLAIN)
    assert code == 0
    assert err.startswith("warning: questionnaire 'tiny' changed")
    assert_nothing_raw(err, styled=False)
    assert "version 1.0\\x1b]0;pwned\\x07 then" in err
