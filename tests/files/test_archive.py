"""Earlier versions of a model stay loadable from the archive folder beside it."""

from pathlib import Path

import pytest

from assess.errors import AssessError
from assess.files.questionnaires import (
    archived,
    find_questionnaire,
    load_questionnaire,
    resolve_version,
)
from tests.conftest import DATA


def two_versions(folder: Path) -> Path:
    """tiny 2.0 in folder, tiny 1.0 in folder/archive."""
    text = (DATA / "tiny.yaml").read_text()
    (folder / "archive").mkdir()
    (folder / "archive" / "tiny-1.0.yaml").write_text(text)
    (folder / "tiny.yaml").write_text(text.replace('version: "1.0"', 'version: "2.0"'))
    return folder


def test_an_assessment_finds_the_version_it_was_answered_on(tmp_path: Path) -> None:
    folder = two_versions(tmp_path)
    assert find_questionnaire("tiny", [folder]).version == "2.0"
    assert find_questionnaire("tiny", [folder], "1.0").version == "1.0"
    assert find_questionnaire("tiny", [folder], "2.0").version == "2.0"
    # A version nobody archived falls back to the current model (callers warn on mismatch).
    assert find_questionnaire("tiny", [folder], "0.5").version == "2.0"
    assert resolve_version("tiny", "1.0", [folder]) == folder / "archive" / "tiny-1.0.yaml"


def test_archived_versions_are_listed_apart(tmp_path: Path) -> None:
    folder = two_versions(tmp_path)
    found = [s for s in archived([folder]) if not s.bundled]
    assert [s.id for s in found] == ["tiny-1.0"]


def test_an_archived_file_must_be_named_after_its_version(tmp_path: Path) -> None:
    folder = two_versions(tmp_path)
    wrong = folder / "archive" / "tiny-1.1.yaml"
    (folder / "archive" / "tiny-1.0.yaml").rename(wrong)
    with pytest.raises(AssessError, match=r"tiny-1.1.yaml:3: version: .*should be 'tiny-1.0.yaml'"):
        load_questionnaire(wrong)


def test_the_bundled_default_model_keeps_version_1_0() -> None:
    old = find_questionnaire("devops-mlops", [], "1.0")
    assert old.version == "1.0"
    assert sum(1 for _ in old.questions()) == 93
    assert any(s.id == "devops-mlops-1.0" and s.bundled for s in archived([]))
