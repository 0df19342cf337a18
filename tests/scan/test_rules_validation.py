"""`validate` checks detection rules with file and line, inline and in a rules file."""

import shutil
from pathlib import Path

from click.testing import CliRunner

from assess.cli import cli
from tests.conftest import DATA

INLINE = """\
            detect:
              - files: [".github/workflows/*.yml"]
                contains: "(a+)+"
              - files: ["/etc/passwd"]
              - files: ["ci.yml"]
                suggests: nope
              - history: lead-time
                files: ["x"]
"""


def tiny_with(tmp_path: Path, rules: str) -> Path:
    text = (DATA / "tiny.yaml").read_text()
    marker = "            choices:\n"
    at = text.index(marker)
    path = tmp_path / "tiny.yaml"
    path.write_text(text[:at] + rules + text[at:])
    return path


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_inline_rule_problems_name_file_line_and_field(tmp_path: Path) -> None:
    path = tiny_with(tmp_path, INLINE)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    where = str(path)
    assert any(
        line.startswith(f"{where}:{line_of(path, '(a+)+')}:")
        and "detect.0.contains" in line
        and "exponential" in line
        for line in lines
    ), lines
    assert any(f":{line_of(path, '/etc/passwd')}:" in x and "relative" in x for x in lines)
    assert any("either files or history" in x for x in lines)


def test_a_rule_naming_a_missing_choice(tmp_path: Path) -> None:
    rules = "                detect:\n                  - {files: [ci.yml], suggests: nope}\n"
    path = tiny_with(tmp_path, rules.replace("                ", "            "))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    line = line_of(path, "suggests: nope")
    assert (
        f"{path}:{line}: areas.0.dimensions.0.questions.0.detect.0.suggests: no choice with id "
        "'nope' (choices: none, some, all)"
    ) in result.output


def test_a_rules_file_beside_the_model_is_checked(tmp_path: Path) -> None:
    shutil.copy(DATA / "tiny.yaml", tmp_path / "tiny.yaml")
    (tmp_path / "detect").mkdir()
    rules = tmp_path / "detect" / "tiny.yaml"
    rules.write_text(
        "questionnaire: tiny\nquestions:\n  nosuch:\n    - files: [a]\n"
        "  ci-builds:\n    - files: [b]\n      suggests: maybe\n"
    )
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "tiny.yaml")])
    assert result.exit_code == 1
    assert f"{rules}:3: questions.nosuch: no question with id 'nosuch'" in result.output
    assert f"{rules}:7: questions.ci-builds.0.suggests: no choice with id 'maybe'" in result.output


def test_the_bundled_rules_attach_without_changing_the_model_hash() -> None:
    from assess.bundled import questionnaires_dir
    from assess.domain.assessment import questionnaire_hash
    from assess.files.questionnaires import _load_model, load_questionnaire

    path = questionnaires_dir() / "devops-mlops.yaml"
    with_rules, bare = load_questionnaire(path), _load_model(path)
    assert sum(len(q.detect) for _, q in with_rules.questions()) > 40
    assert questionnaire_hash(with_rules) == questionnaire_hash(bare)
