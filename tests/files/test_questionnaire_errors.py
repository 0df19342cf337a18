"""One broken file per promised error message: the message names the file, the line, the field."""

from pathlib import Path

import pytest

from assess.errors import AssessError
from assess.files.questionnaires import load_questionnaire

BROKEN = Path(__file__).parent.parent / "data" / "broken"

CASES = [
    ("syntax-error", 2, "YAML syntax error: a list opened with '[' is not closed with ']'"),
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
    covered = {name for name, _, _ in CASES} | {"several-problems", "four-problems", "not-utf8"}
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


def test_shape_rule_and_duplicate_key_problems_are_reported_together() -> None:
    with pytest.raises(AssessError) as caught:
        load_questionnaire(BROKEN / "four-problems.yaml")
    lines = caught.value.message.splitlines()
    assert [line.split(":")[1] for line in lines] == ["31", "35", "39", "48"]
    assert "questions.0.choices.2.level: should be a valid integer" in lines[0]  # type error
    assert "duplicate key 'help': it is also on line 34" in lines[1]
    assert "questions.1.choices.1.level: level 7 is outside levels 1-5" in lines[2]
    assert "areas.1.dimensions.0.questions.0.id: question id 'ci-builds' is used twice" in lines[3]


def test_a_duplicate_key_in_an_otherwise_valid_model_names_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    original = (BROKEN.parent / "tiny.yaml").read_text().splitlines()
    title = next(i for i, line in enumerate(original) if line.startswith("title:"))
    path.write_text("\n".join([*original[: title + 1], "title: Again", *original[title + 1 :]]))
    with pytest.raises(AssessError) as caught:
        load_questionnaire(path)
    assert caught.value.message == (
        f"{path}:{title + 2}: duplicate key 'title': it is also on line {title + 1}, "
        "and only one of the two values would count"
    )


def test_yaml_aliases_are_refused_before_they_can_grow(tmp_path: Path) -> None:
    big = "x" * 1000
    lines = ["id: aliases", f"description: &big {big}", "title: *big"]
    lines += [f"extra{i}: [*big, *big, *big, *big]" for i in range(50)]
    path = tmp_path / "aliases.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(AssessError) as caught:
        load_questionnaire(path)
    assert caught.value.message == (
        f"{path}:3: YAML aliases (*name) are not allowed in a model: write the value out in full"
    )


@pytest.mark.parametrize(
    ("text", "line", "wording"),
    [
        ("id: x\nareas:\n\t- a\n", 3, "a tab character: YAML indents with spaces, never tabs"),
        ("id: x\n\ttitle: y\n", 2, "a tab character"),
        ("id: x\ntitle: a: b\n", 2, "a ':' where no new key can start"),
        ("id: x\ntitle: 'open\n", 2, "a quote is not closed"),
        ("id: x\nareas:\n  - a\n - b\n", 4, "this line is not indented like the keys above"),
        ("areas:\n  - a: 1\n   b: 2\n", 3, "this list item is not indented like the items"),
    ],
)
def test_parser_messages_are_in_plain_words(
    tmp_path: Path, text: str, line: int, wording: str
) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text)
    with pytest.raises(AssessError) as caught:
        load_questionnaire(path)
    assert caught.value.message.startswith(f"{path}:{line}: YAML syntax error: ")
    assert wording in caught.value.message
