"""Loaders read only regular files within a size limit; bad numbers and times are clean errors."""

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from assess.domain.assessment import Assessment
from assess.errors import AssessError
from assess.files import yaml_source
from assess.files.assessments import load_assessment, save_assessment, to_json
from assess.files.questionnaires import load_questionnaire
from assess.files.reading import ASSESSMENT_LIMIT, QUESTIONNAIRE_LIMIT
from tests.conftest import DATA

Loader = Callable[[Path], object]
LOADERS: list[tuple[str, Loader, str, int]] = [
    ("assessment", load_assessment, ".json", ASSESSMENT_LIMIT),
    ("questionnaire", load_questionnaire, ".yaml", QUESTIONNAIRE_LIMIT),
]
IDS = [name for name, *_ in LOADERS]


def message(load: Loader, path: Path) -> str:
    with pytest.raises(AssessError) as caught:
        load(path)
    return caught.value.message


@pytest.mark.parametrize(("name", "load", "suffix", "limit"), LOADERS, ids=IDS)
def test_a_fifo_is_refused_without_blocking(
    tmp_path: Path, name: str, load: Loader, suffix: str, limit: int
) -> None:
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    assert message(load, fifo) == f"{fifo}: a named pipe (FIFO), not a file; only files are read"


@pytest.mark.parametrize(("name", "load", "suffix", "limit"), LOADERS, ids=IDS)
def test_a_link_to_dev_zero_is_refused(
    tmp_path: Path, name: str, load: Loader, suffix: str, limit: int
) -> None:
    link = tmp_path / f"zero{suffix}"
    link.symlink_to("/dev/zero")
    assert message(load, link) == f"{link}: a device, not a file; only files are read"


@pytest.mark.parametrize(("name", "load", "suffix", "limit"), LOADERS, ids=IDS)
def test_a_socket_and_a_folder_are_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    load: Loader,
    suffix: str,
    limit: int,
) -> None:
    folder = tmp_path / f"folder{suffix}"
    folder.mkdir()
    assert "a folder, not a file" in message(load, folder)
    monkeypatch.chdir(tmp_path)  # a socket path must be short
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(f"s{suffix}")
        assert message(load, Path(f"s{suffix}")) == (
            f"s{suffix}: a socket, not a file; only files are read"
        )


@pytest.mark.parametrize(("name", "load", "suffix", "limit"), LOADERS, ids=IDS)
def test_an_oversized_file_is_refused_naming_the_limit(
    tmp_path: Path, name: str, load: Loader, suffix: str, limit: int
) -> None:
    big = tmp_path / f"big{suffix}"
    with big.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(limit + 1)
    mb = limit // (1024 * 1024)
    assert message(load, big) == (
        f"{big}: too large for a{'n' if name[0] in 'aeiou' else ''} {name} "
        f"({mb}.0 MB; the limit is {mb} MB)"
    )


def test_a_file_just_at_the_limit_is_read(tmp_path: Path, blank: Assessment) -> None:
    text = to_json(blank)
    path = tmp_path / "padded.json"
    path.write_text(text + " " * (ASSESSMENT_LIMIT - len(text.encode())))
    assert load_assessment(path) == blank


def test_a_fifo_does_not_block_a_command(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "assess", "score", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert (result.returncode, result.stderr) == (
        1,
        "error: pipe.json: a named pipe (FIFO), not a file; only files are read\n",
    )


def test_a_huge_integer_in_an_assessment_names_its_line(tmp_path: Path, blank: Assessment) -> None:
    path = tmp_path / "a.json"
    save_assessment(blank, path)
    lines = path.read_text().splitlines()
    lines.insert(2, f'  "targets": {{"delivery": {"9" * 5000}}},')
    path.write_text("\n".join(lines))
    assert message(load_assessment, path) == f"{path}:3: a number is too long"


def test_a_huge_integer_in_a_questionnaire_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    text = (DATA / "tiny.yaml").read_text()
    path.write_text(text.replace("version:", f"weight: {'7' * 5000}\nversion:", 1))
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("version:")))
    assert message(load_questionnaire, path) == f"{path}:{line + 1}: a number is too long"


@pytest.mark.parametrize("field", ["created", "updated"])
def test_a_timestamp_without_time_zone_is_a_clean_error(
    tmp_path: Path, blank: Assessment, field: str
) -> None:
    path = tmp_path / "a.json"
    data = json.loads(to_json(blank))
    data[field] = "2026-11-20T09:30:00"
    path.write_text(json.dumps(data, indent=2))
    line = json.dumps(data, indent=2).splitlines().index(f'  "{field}": "2026-11-20T09:30:00",')
    assert message(load_assessment, path) == (
        f"{path}:{line + 1}: {field}: should have timezone info"
    )


def test_assessment_errors_are_located_without_the_yaml_parser(
    tmp_path: Path, blank: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(_: str) -> None:
        raise AssertionError("the YAML parser was asked to find a line in JSON")

    monkeypatch.setattr(yaml_source, "with_lines", slow)
    data = json.loads(to_json(blank))
    data["answers"] = {"ci-gate": {"choice": "yes"}, "tests": {"choice": "x", "skip": "dont-know"}}
    text = json.dumps(data, indent=2)
    path = tmp_path / "a.json"
    path.write_text(text)
    line = text.splitlines().index('    "tests": {') + 1
    assert message(load_assessment, path) == (
        f"{path}:{line}: answers.tests: an answer has either a choice or a skip, not both"
    )
