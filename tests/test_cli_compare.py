"""`assess compare` end to end through click's CliRunner, on files written to a temporary
folder (no PDF here: the report tests render the one PDF)."""

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import cli
from assess.domain.samples import sample_assessments
from assess.files.assessments import save_assessment, standard_path
from assess.files.questionnaires import load_questionnaire

TINY = Path(__file__).parent / "data" / "tiny.yaml"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A questionnaire folder holding tiny and 'other' (a copy under another id), and an
    assessments folder with 4 teams on tiny and 2 on 'other' (the first of each twice, and
    tiny's fourth too)."""
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(TINY, models / "tiny.yaml")
    text = TINY.read_text(encoding="utf-8").replace("id: tiny\n", "id: other\n", 1)
    (models / "other.yaml").write_text(text, encoding="utf-8")
    root = tmp_path / "assessments"
    for model, teams in (("tiny", 4), ("other", 2)):
        q = load_questionnaire(models / f"{model}.yaml")
        for a in sample_assessments(q, teams, seed=5, today=date(2026, 11, 1)):
            if model == "other":
                a = a.model_copy(update={"team": a.team + " (other)"})
            save_assessment(a, standard_path(root / model, a))
    return models, root


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["compare", *args])
    return result.exit_code, result.stdout, result.stderr


def test_mixed_models_are_one_clear_error(folders: tuple[Path, Path]) -> None:
    models, root = folders
    code, out, err = run("--questionnaires", str(models), str(root))
    assert code == 1 and out == ""
    assert err.strip() == (
        "error: the assessments answer different questionnaires: other (3 assessments), "
        "tiny (6 assessments); choose one with --questionnaire ID"
    )


def test_questionnaire_option_picks_one(folders: tuple[Path, Path]) -> None:
    models, root = folders
    code, out, _ = run(
        "--questionnaires", str(models), str(root), "--questionnaire", "tiny", "--format", "json"
    )
    assert code == 0
    records = json.loads(out)
    assert {r["questionnaire"] for r in records} == {"tiny"}
    assert len(records) == 4 * 2
    assert all(r["latest"] for r in records)


def test_all_dates_keeps_the_history(folders: tuple[Path, Path]) -> None:
    models, root = folders
    args = ("--questionnaires", str(models), str(root / "tiny"), "--format", "csv")
    _, latest, _ = run(*args)
    code, history, _ = run(*args, "--all-dates")
    assert code == 0
    # Teams 1 and 4 of the samples were also assessed a quarter earlier.
    assert len(latest.splitlines()) == 1 + 4 * 2
    assert len(history.splitlines()) == 1 + 6 * 2
    assert "2026-08-02" in history and "2026-08-02" not in latest


def test_table_and_output_file(folders: tuple[Path, Path], tmp_path: Path) -> None:
    models, root = folders
    code, out, _ = run("--questionnaires", str(models), str(root / "tiny"))
    assert code == 0 and "Continuous integration" in out
    target = tmp_path / "cmp.md"
    code, out, err = run("--questionnaires", str(models), str(root / "tiny"), "-o", str(target))
    assert code == 0 and "wrote" in err
    assert target.read_text(encoding="utf-8").startswith("# Tiny test model: comparison of 4")


def test_damaged_file_is_named_in_one_line(folders: tuple[Path, Path]) -> None:
    models, root = folders
    broken = root / "tiny" / "broken.json"
    broken.write_text('{"format": "assess-assessment/1",\n"team": [\n', encoding="utf-8")
    code, _, err = run("--questionnaires", str(models), str(root / "tiny"))
    assert code == 1
    assert err.strip().splitlines() == [
        f"error: {broken}:3: not valid JSON: Expecting value",
        "error: 1 file cannot be read; --skip-invalid leaves them out",
    ]


def test_refuses_to_write_over_an_assessment(folders: tuple[Path, Path]) -> None:
    models, root = folders
    victim = next((root / "tiny").rglob("*.json"))
    before = victim.read_bytes()
    code, _, err = run(
        "--questionnaires", str(models), str(root / "tiny"), "-o", str(victim), "--format", "json"
    )
    assert code == 1 and "refusing" in err
    assert victim.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("cmp.pdf", "csv", "--format csv contradicts the suffix .pdf (pdf)"),
        ("cmp.xlsx", None, "no format has the suffix .xlsx"),
        ("cmp", None, "no suffix to tell the format by"),
        ("missing/cmp.csv", None, "the folder"),
    ],
)
def test_output_name_and_format_must_agree(
    folders: tuple[Path, Path], tmp_path: Path, name: str, fmt: str | None, message: str
) -> None:
    models, root = folders
    out = tmp_path / "out"
    out.mkdir()
    args = ["--questionnaires", str(models), str(root / "tiny"), "-o", str(out / name)]
    code, stdout, err = run(*args, *(["--format", fmt] if fmt else []))
    assert code == 1 and stdout == ""
    assert len(err.splitlines()) == 1 and err.startswith("error: ") and message in err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "start"), [("cmp.csv", '"team",'), ("cmp.json", "["), ("cmp.txt", "")]
)
def test_format_from_the_suffix(
    folders: tuple[Path, Path], tmp_path: Path, name: str, start: str
) -> None:
    models, root = folders
    code, _, _ = run(
        "--questionnaires", str(models), str(root / "tiny"), "-o", str(tmp_path / name)
    )
    assert code == 0
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert text.startswith(start) and (name != "cmp.txt" or "Continuous integration" in text)


def test_no_assessments_found(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert code == 1 and "no assessment files" in err


def test_every_damaged_or_foreign_file_is_named(folders: tuple[Path, Path]) -> None:
    models, root = folders
    folder = root / "tiny"
    (folder / "broken.json").write_text("{", encoding="utf-8")
    (folder / "foreign.json").write_text('{"name": "a package.json"}', encoding="utf-8")
    args = ("--questionnaires", str(models), str(folder), "--format", "csv")
    code, out, err = run(*args)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"error: {folder / 'broken.json'}:1: not valid JSON: Expecting property name enclosed "
        "in double quotes",
        f'error: {folder / "foreign.json"}: not an assessment file (it lacks "format": '
        '"assess-assessment/2")',
        "error: 2 files cannot be read; --skip-invalid leaves them out",
    ]
    code, out, err = run(*args, "--skip-invalid")
    assert code == 0 and out.count("\n") > 1
    assert [line.split(":")[0] for line in err.splitlines()] == ["warning", "warning"]
    assert "broken.json" in err.splitlines()[0] and "foreign.json" in err.splitlines()[1]


def test_an_assessment_without_answers_is_never_the_latest(folders: tuple[Path, Path]) -> None:
    models, root = folders
    folder = root / "tiny"
    latest = max(folder.rglob("*.json"))  # a team's real answers
    team = json.loads(latest.read_text(encoding="utf-8"))["team"]
    data = json.loads(latest.read_text(encoding="utf-8"))
    data.update(date="2026-12-01", answers={})
    empty = latest.with_name("2026-12-01-tiny.json")
    empty.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run("--questionnaires", str(models), str(folder), "--format", "json")
    assert code == 0
    assert err.splitlines()[0] == f"warning: {empty}: left out: no question answered yet"
    dates = {row["date"] for row in json.loads(out) if row["team"] == team}
    assert dates == {data_date(latest)}


def data_date(path: Path) -> str:
    return str(json.loads(path.read_text(encoding="utf-8"))["date"])
