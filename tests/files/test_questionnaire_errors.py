"""One broken file per promised error message: the message names the file, the line, the field."""

from pathlib import Path

import pytest

from assess.errors import AssessError
from assess.files.questionnaires import load_questionnaire

BROKEN = Path(__file__).parent.parent / "data" / "broken"

CASES = [
    ("syntax-error", 2, "YAML syntax error: did not find expected ',' or ']' (while parsing"),
    ("not-a-mapping", 1, "a questionnaire must be a mapping of fields, not a list"),
    ("missing-field", 17, "areas.0.dimensions.0.title: this field is required"),
    ("unknown-field", 19, "areas.0.dimensions.0.wieght: unknown field (check the spelling)"),
    ("one-choice", 37, "questions.1.choices: at least two choices are needed"),
    ("duplicate-id", 57, "questions.1.id: question id 'tracking-runs' is used twice"),
    ("level-out-of-range", 31, "choices.2.level: level 7 is outside levels 1-5"),
    ("missing-recommendation", 22, "recommendations: no recommendation for moving up from level 3"),
    ("missing-level-description", 45, "dimensions.0.levels: no description for level 4"),
    ("zero-weight", 36, "questions.1.weight: should be greater than 0"),
    ("bad-id", 32, "questions.1.id: ids use lowercase letters, digits, '-' and '_'"),
    ("target-out-of-range", 20, "dimensions.0.target: target 6 is outside levels 1-5"),
    ("choice-without-level", 55, "every choice needs a level with weighted-mean scoring"),
    ("duplicate-choice", 30, "choices.1.text: choice text 'None' appears twice"),
    ("duplicate-choice-id", 30, "choices.1.id: choice id 'none' is used twice in this question"),
    ("ml-test-score-three-levels", 5, "levels: ml-test-score shows its bands on a ladder of 5"),
    ("dora-without-value", 39, "choices of a DORA question need a dora_value"),
    ("bad-mapping", 17, "replaces.0.questions.ci-typo: 'ci-typo' maps to 'ci-gaet', which is no"),
    ("bad-owner", 25, "recommendations.1.steps.0.owner: must be one of 'team' or 'organisation'"),
    ("name-mismatch", 1, "id: 'tiny' must match the file name 'name-mismatch'"),
]


@pytest.mark.parametrize(("name", "line", "wording"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_names_file_line_and_field(name: str, line: int, wording: str) -> None:
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(AssessError) as caught:
        load_questionnaire(path)
    first = caught.value.message.splitlines()[0]
    assert first.split(": ", 1)[0].endswith(f"broken/{name}.yaml:{line}")
    assert wording in first


def test_every_broken_file_has_a_case() -> None:
    covered = {name for name, _, _ in CASES} | {"several-problems", "not-utf8"}
    assert covered == {p.stem for p in BROKEN.glob("*.yaml")}


def test_all_problems_are_reported_at_once_in_line_order() -> None:
    with pytest.raises(AssessError) as caught:
        load_questionnaire(BROKEN / "several-problems.yaml")
    lines = caught.value.message.splitlines()
    assert [line.split(":")[1] for line in lines] == ["19", "31", "40"]
    assert "wieght: unknown field" in lines[0]
    assert "choices.2.level: should be a valid integer" in lines[1]
    assert "areas.1.title: this field is required" in lines[2]


def test_a_file_that_is_not_utf8_is_named() -> None:
    with pytest.raises(AssessError, match=r"not-utf8.yaml: not a text file \(it is not UTF-8\)"):
        load_questionnaire(BROKEN / "not-utf8.yaml")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(AssessError, match=r"nothing\.yaml: no such file"):
        load_questionnaire(tmp_path / "nothing.yaml")
