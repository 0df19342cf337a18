"""The cache of parsed model files: the same model as without it, never stale, never trusted."""

import pickle
from pathlib import Path

import pytest

from assess.bundled import questionnaires_dir
from assess.domain.assessment import questionnaire_hash
from assess.errors import AssessError
from assess.files import parse_cache
from assess.files import questionnaires as loading
from assess.files.questionnaires import load_questionnaire

TINY = Path(__file__).parent.parent / "data" / "tiny.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(parse_cache.ENV_VAR, str(folder))
    return folder


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "models").glob("*.pickle"))


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("parsed although the cache holds the file")

    monkeypatch.setattr(loading, "parse_with_duplicates", refuse)


def test_second_load_is_the_same_model_without_parsing(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = questionnaires_dir() / "devops-mlops.yaml"
    first = load_questionnaire(path)
    assert len(entries(cache)) == 2  # the model and its detection rules
    no_parsing(monkeypatch)
    again = load_questionnaire(path)
    assert again == first
    assert questionnaire_hash(again) == questionnaire_hash(first)
    rules = [rule for _, q in first.questions() for rule in q.detect]
    assert rules and rules == [rule for _, q in again.questions() for rule in q.detect]


def test_an_edited_file_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    text = TINY.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert load_questionnaire(path).title != "Edited"
    path.write_text(text.replace("\ntitle: ", "\ntitle: Edited #", 1), encoding="utf-8")
    assert load_questionnaire(path).title.startswith("Edited")


def test_the_model_rules_are_checked_on_cached_data_too(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Same text, another file name: the cached data is used, and the id must still match the
    # file's name.
    load_questionnaire(TINY)
    other = tmp_path / "other.yaml"
    other.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    no_parsing(monkeypatch)
    with pytest.raises(AssessError, match="must match the file name"):
        load_questionnaire(other)


def test_problems_are_never_cached(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    text = TINY.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle:", "\ntitle: One\ntitle:", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(AssessError, match="duplicate key 'title'"):
            load_questionnaire(path)
    assert entries(cache) == []


class Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("code ran",))


@pytest.mark.parametrize("content", [b"not a pickle", pickle.dumps({"id": Boom()})])
def test_a_damaged_or_foreign_entry_is_parsed_again(
    cache: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = load_questionnaire(TINY)
    for entry in entries(cache):
        entry.write_bytes(content)
    assert load_questionnaire(TINY) == expected
    assert "code ran" not in capsys.readouterr().out


def test_empty_variable_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(parse_cache.ENV_VAR, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_questionnaire(TINY)
    assert parse_cache.cache_dir() is None
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_costs_only_the_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(parse_cache.ENV_VAR, str(blocker / "cache"))
    assert load_questionnaire(TINY).id == "tiny"
