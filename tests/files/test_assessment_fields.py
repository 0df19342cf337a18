"""Fields of an assessment file that once led astray: team names in two Unicode forms, NUL, and a
questionnaire named by path."""

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import cli
from assess.domain.assessment import Assessment
from assess.errors import AssessError
from assess.files.assessments import load_assessment, save_assessment, standard_path, to_json
from tests.conftest import DATA, NOW, pick

COMPOSED = unicodedata.normalize("NFC", "Café")
DECOMPOSED = unicodedata.normalize("NFD", "Café")


def write(tmp_path: Path, blank: Assessment, **fields: object) -> Path:
    data = json.loads(to_json(blank))
    data.update(fields)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    return path


def test_two_unicode_forms_of_a_name_are_one_team(tmp_path: Path, blank: Assessment) -> None:
    assert COMPOSED != DECOMPOSED
    one = load_assessment(write(tmp_path, blank, team=COMPOSED))
    two = load_assessment(write(tmp_path, blank, team=DECOMPOSED))
    assert one.team == two.team == COMPOSED
    assert standard_path(tmp_path, one) == standard_path(tmp_path, two)


def test_compare_counts_a_name_typed_two_ways_once(tmp_path: Path, blank: Assessment) -> None:
    root = tmp_path / "assessments"
    for n, team in enumerate((COMPOSED, DECOMPOSED)):
        a = Assessment.model_validate({**blank.model_dump(), "team": team}).with_answer(
            "ci-builds", pick("ci-builds", n + 1), NOW
        )
        save_assessment(a, root / f"{n}.json")
    result = CliRunner().invoke(
        cli,
        ["compare", str(root), "--questionnaires", str(DATA), "--format", "json", "--all-dates"],
    )
    assert result.exit_code == 0, result.stderr
    assert {row["team"] for row in json.loads(result.stdout)} == {COMPOSED}


def test_a_nul_in_a_team_name_is_refused(tmp_path: Path, blank: Assessment) -> None:
    path = write(tmp_path, blank, team="Pay\u0000ments")
    with pytest.raises(AssessError) as caught:
        load_assessment(path)
    assert caught.value.message == f"{path}:3: team: a team name cannot hold a NUL character"


@pytest.mark.parametrize("value", ["../models/evil.yaml", "/etc/passwd", "tiny.yaml", "Tiny"])
def test_the_questionnaire_field_is_an_id_never_a_path(
    tmp_path: Path, blank: Assessment, value: str
) -> None:
    path = write(tmp_path, blank, questionnaire=value)
    with pytest.raises(AssessError) as caught:
        load_assessment(path)
    line = path.read_text().splitlines().index(f'  "questionnaire": "{value}",') + 1
    assert caught.value.message == (
        f"{path}:{line}: questionnaire: ids use lowercase letters, digits, '-' and '_'"
    )
