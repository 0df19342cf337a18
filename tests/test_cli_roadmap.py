"""`assess roadmap` as a person runs it, quarter after quarter."""

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import cli
from assess.domain.assessment import Answer, new_assessment
from assess.files.assessments import assessment_files, new_path, save_assessment
from assess.files.questionnaires import load_questionnaire
from tests.conftest import DATA, NOW, by_position


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def quarters(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Models folder, and two assessments of one team: in November everything at level 1 and
    tracking-runs 'don't know'; in February ci's gate is in place (ci (1 + 4 × 3) / 4 = 3.25,
    level 3) and tracking-runs answered."""
    models = tmp_path / "models"
    models.mkdir()
    (models / "tiny.yaml").write_text((DATA / "tiny.yaml").read_text())
    tiny = load_questionnaire(models / "tiny.yaml")
    root = tmp_path / "assessments"
    paths = []
    for on, changes in (
        (date(2026, 11, 20), {"tracking-runs": Answer(skip="dont-know")}),
        (date(2027, 2, 20), {"ci-gate": Answer(position=2)}),
    ):
        answers = {q.id: Answer(position=1) for _, q in tiny.questions()} | changes
        assessment = new_assessment(tiny, "Payments", ["A. Rivera"], on, NOW)
        assessment = assessment.model_copy(
            update={"answers": by_position(tiny, answers), "status": "complete"}
        )
        path = new_path(root, assessment)
        save_assessment(assessment, path)
        paths.append(path)
    return models, paths[0], paths[1]


def jira_rows(path: Path) -> list[dict[str, str]]:
    table = list(csv.reader(io.StringIO(path.read_text())))
    header = [name if name != "Labels" else f"Labels{i}" for i, name in enumerate(table[0])]
    return [dict(zip(header, row, strict=True)) for row in table[1:]]


def test_reexport_next_quarter_keeps_ids_and_marks_reached_steps_done(
    quarters: tuple[Path, Path, Path],
) -> None:
    models, november, february = quarters
    code, out, _ = run("roadmap", str(november), "--questionnaires", str(models))
    first = november.with_name(november.stem + ".roadmap-jira.csv")
    assert code == 0 and out == f"wrote {first}: 6 open\n"
    code, out, _ = run("roadmap", str(february), "--questionnaires", str(models))
    second = february.with_name(february.stem + ".roadmap-jira.csv")
    assert code == 0
    assert out == f"wrote {second} against {november}: 3 open, 3 done\n"
    before = {row["External ID"]: row for row in jira_rows(first)}
    after = {row["External ID"]: row["Status"] for row in jira_rows(second)}
    # Every step of November is in February's file under the same id: ci 1-2 and 2-3 and the
    # find-out step are done, ci 3-4 and tracking's two steps still to do.
    assert set(after) == set(before)
    done = sorted(
        i.rsplit(".", 2)[-2] + "." + i.rsplit(".", 1)[-1] for i, s in after.items() if s == "Done"
    )
    assert done == ["ci.1-2", "ci.2-3", "find-out.tracking-runs"]
    assert sum(1 for s in after.values() if s == "To Do") == 3


def test_fresh_and_formats_and_stdout(quarters: tuple[Path, Path, Path]) -> None:
    models, _, february = quarters
    code, out, _ = run(
        "roadmap",
        str(february),
        "--questionnaires",
        str(models),
        "--fresh",
        "-o",
        "-",
        "--format",
        "md",
    )
    assert code == 0 and out.startswith("# Roadmap: Payments\n") and "(new)" not in out
    for fmt, suffix in (("csv", ".roadmap.csv"), ("json", ".roadmap.json")):
        code, _, _ = run("roadmap", str(february), "--questionnaires", str(models), "--format", fmt)
        assert code == 0 and february.with_name(february.stem + suffix).exists()
    # The JSON roadmap beside the assessments is not taken for an assessment by compare or export.
    assert list(assessment_files([february.parent])) == [
        february.with_name(name)
        for name in sorted(
            p.name for p in february.parent.glob("2*.json") if "roadmap" not in p.name
        )
    ]


def test_roadmap_refuses_to_write_over_the_assessment(quarters: tuple[Path, Path, Path]) -> None:
    models, november, _ = quarters
    before = november.read_text()
    code, _, err = run(
        "roadmap", str(november), "--questionnaires", str(models), "-o", str(november)
    )
    assert code == 1 and err.startswith("error: ") and "refusing to write over" in err
    assert november.read_text() == before


def test_since_another_team_is_one_clear_line(
    quarters: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    models, _, february = quarters
    tiny = load_questionnaire(models / "tiny.yaml")
    other = new_assessment(tiny, "Search", [], date(2026, 10, 1), NOW)
    other_path = new_path(tmp_path / "assessments", other)
    save_assessment(other, other_path)
    code, _, err = run(
        "roadmap", str(february), "--questionnaires", str(models), "--since", str(other_path)
    )
    assert code == 1 and "an assessment of team 'Search', not 'Payments'" in err
