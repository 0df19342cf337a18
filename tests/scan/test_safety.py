"""A scan reads only what it should, and a hostile repository or pattern cannot hang it."""

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assess.domain.questionnaire import Questionnaire
from assess.errors import AssessError
from assess.scan.engine import scan
from tests.conftest import DATA
from tests.scan.repos import commit, git, make_repo

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def model_with(tiny: Questionnaire, **rule: object) -> Questionnaire:
    """The tiny model with one rule on its first question."""
    from assess.domain.detection import Rule

    questions = tiny.areas[0].dimensions[0].questions
    first = questions[0].model_copy(update={"detect": [Rule.model_validate({"id": "r", **rule})]})
    dimension = (
        tiny.areas[0].dimensions[0].model_copy(update={"questions": [first, *questions[1:]]})
    )
    area = tiny.areas[0].model_copy(
        update={"dimensions": [dimension, *tiny.areas[0].dimensions[1:]]}
    )
    return tiny.model_copy(update={"areas": [area, *tiny.areas[1:]]})


def test_symlinks_are_not_followed(tmp_path: Path, tiny: Questionnaire) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("password = hunter2\n")
    repo = make_repo(tmp_path / "r", {"ok.txt": "password = fine\n"})
    (repo / "link.txt").symlink_to(outside)
    commit(repo, "add a symlink out")
    result = scan(model_with(tiny, files=["*.txt"], contains="password"), [repo], NOW)
    (finding,) = result.findings["ci-builds"]
    assert [h.path for h in finding.repositories[0].hits] == ["ok.txt"]
    assert result.repositories[0].skipped == {
        "not a regular file (symlink, FIFO, device, folder)": 1
    }


def test_a_folder_swapped_for_a_symlink_is_not_entered(tmp_path: Path, tiny: Questionnaire) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.txt").write_text("token\n")
    repo = make_repo(tmp_path / "r", {"sub/x.txt": "token\n"})
    (repo / "sub" / "x.txt").unlink()
    (repo / "sub").rmdir()
    (repo / "sub").symlink_to(elsewhere)  # the index still tracks sub/x.txt
    result = scan(model_with(tiny, files=["*.txt"], contains="token"), [repo], NOW)
    assert result.findings == {}
    assert result.repositories[0].skipped == {"outside the checkout": 1}


def test_fifo_huge_and_binary_files_are_skipped_and_counted(
    tmp_path: Path, tiny: Questionnaire
) -> None:
    repo = make_repo(
        tmp_path / "r",
        {"big.txt": "x" * 2000 + "\nneedle\n", "bin.txt": b"needle\0\x01", "pipe.txt": "needle\n"},
    )
    (repo / "pipe.txt").unlink()
    os.mkfifo(repo / "pipe.txt")  # tracked as a file, now a FIFO: opening it would block
    result = scan(model_with(tiny, files=["*.txt"], contains="needle"), [repo], NOW, cap=1000)
    assert result.findings == {}
    assert result.repositories[0].skipped == {
        "above the size cap": 1,
        "binary": 1,
        "not a regular file (symlink, FIFO, device, folder)": 1,
    }


def test_untracked_files_are_not_read(tmp_path: Path, tiny: Questionnaire) -> None:
    repo = make_repo(tmp_path / "r", {"a.txt": "nothing\n"})
    (repo / "b.txt").write_text("needle\n")
    result = scan(model_with(tiny, files=["*.txt"], contains="needle"), [repo], NOW)
    assert result.findings == {}
    assert result.repositories[0].read == 1


def test_not_a_checkout_is_one_clear_error(tmp_path: Path, tiny: Questionnaire) -> None:
    (tmp_path / "plain").mkdir()
    with pytest.raises(AssessError, match=r"plain: not a git checkout$"):
        scan(model_with(tiny, files=["*"]), [tmp_path / "plain"], NOW)
    with pytest.raises(AssessError, match="no such folder"):
        scan(model_with(tiny, files=["*"]), [tmp_path / "missing"], NOW)


def test_a_broken_checkout_is_one_clear_error(tmp_path: Path, tiny: Questionnaire) -> None:
    repo = make_repo(tmp_path / "r", {"a": "1"})
    (repo / ".git" / "HEAD").write_text("garbage\n")
    with pytest.raises(AssessError) as caught:
        scan(model_with(tiny, files=["*"]), [repo], NOW)
    assert len(caught.value.message.splitlines()) == 1


def test_a_bare_repository_is_refused(tmp_path: Path, tiny: Questionnaire) -> None:
    repo = make_repo(tmp_path / "r", {"a": "1"})
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(tmp_path / "bare.git"))
    with pytest.raises(AssessError, match="bare repository"):
        scan(model_with(tiny, files=["*"]), [tmp_path / "bare.git"], NOW)


def test_repository_config_cannot_start_programs(tmp_path: Path, tiny: Questionnaire) -> None:
    marker = tmp_path / "ran"
    repo = make_repo(tmp_path / "r", {"a.txt": "x\n"})
    script = tmp_path / "evil.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\n")
    script.chmod(0o755)
    git(repo, "config", "core.fsmonitor", str(script))
    git(repo, "config", "core.pager", str(script))
    git(repo, "config", "gpg.program", str(script))
    git(repo, "config", "log.showSignature", "true")
    scan(model_with(tiny, history="contributors"), [repo], NOW)
    scan(model_with(tiny, files=["*.txt"]), [repo], NOW)
    assert not marker.exists()


def test_a_slow_pattern_is_stopped_by_its_time_budget(tmp_path: Path, tiny: Questionnaire) -> None:
    # Two open-ended repetitions pass the pattern check but cost ~n^3 per line; the budget stops it.
    repo = make_repo(tmp_path / "r", {"a.txt": ("a" * 499 + "\n") * 400})
    result = scan(model_with(tiny, files=["*.txt"], contains=".*.*x"), [repo], NOW, budget=0.2)
    assert result.findings == {}
    assert result.repositories[0].stopped == ["r: stopped after its 0.2 s time budget"]


@pytest.mark.parametrize("pattern", ["(a+)+$", "(x|xx)*y", "(\\w+)\\1", ".*.*.*z"])
def test_catastrophic_patterns_are_refused(tiny: Questionnaire, pattern: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match=r"exponential|back-references|open-ended"):
        model_with(tiny, files=["*"], contains=pattern)


def test_tiny_model_exists() -> None:
    assert (DATA / "tiny.yaml").is_file()


def test_a_folder_inside_a_checkout_is_one_clear_error(tmp_path: Path, tiny: Questionnaire) -> None:
    repo = make_repo(tmp_path / "r", {"sub/a.txt": "1"})
    with pytest.raises(
        AssessError, match=r"sub: is inside the git checkout .*; give its top folder"
    ):
        scan(model_with(tiny, files=["*"]), [repo / "sub"], NOW)


def test_lines_are_matched_only_up_to_the_line_cap(tmp_path: Path, tiny: Questionnaire) -> None:
    # A pattern never sees more than the first 500 characters of a line: that bounds its time.
    repo = make_repo(tmp_path / "r", {"far.txt": "x" * 600 + "needle\n", "near.txt": "needle\n"})
    result = scan(model_with(tiny, files=["*.txt"], contains="needle"), [repo], NOW)
    (finding,) = result.findings["ci-builds"]
    assert [h.path for h in finding.repositories[0].hits] == ["near.txt"]


def test_an_overlong_pattern_is_refused(tiny: Questionnaire) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="must have 1 to 600 characters"):
        model_with(tiny, files=["*"], contains="a" * 601)
