"""Assessment files: one indented JSON file per assessment, written atomically.

JSON rather than YAML because a comparison reads hundreds of them: PyYAML needs about 3 ms to
build one assessment, json about 0.2 ms. Questionnaires, written by people, stay YAML.

Layout under the assessments folder (default ./assessments):
    <team-slug>/<date>-<questionnaire-id>.json
    e.g. payments-632e1c/2026-11-22-devops-mlops.json
A second assessment of the same team, model and day gets a -2, -3, ... suffix.
"""

import json
import os
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assess.atomic import write_text_atomically
from assess.domain.assessment import FORMAT, FORMAT_1, Assessment
from assess.errors import AssessError
from assess.files import json_lines
from assess.files.names import team_slug
from assess.files.reading import ASSESSMENT_LIMIT, read_text
from assess.files.yaml_source import (
    display,
    long_number_line,
    require_mapping,
    validation_error,
)

SUFFIX = ".json"
# `assess roadmap --format json` writes NAME.roadmap.json beside the assessment: not one.
NOT_ASSESSMENTS = (".roadmap.json",)
RESPONDENTS = "respondents"
"""The folder of a team's respondent files (see files.respondents): inside a team's folder, never
a team assessment itself; the team's consolidated assessment stands for them."""
ENV_VAR = "ASSESS_DIR"
DEFAULT_DIR = Path("assessments")


def default_root() -> Path:
    return Path(os.environ.get(ENV_VAR) or DEFAULT_DIR)


def _check_format(data: dict[str, Any], path: Path) -> None:
    if data.get("format") not in (FORMAT, FORMAT_1):
        raise AssessError(
            f'{display(path)}: not an assessment file (it lacks "format": "{FORMAT}")'
        )


def _from_format_1(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 stored a choice by its position; keep the position until it can be mapped
    against the model it was answered on (domain.answers.upgrade)."""
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return data
    converted = {}
    for qid, answer in answers.items():
        if isinstance(answer, dict) and "choice" in answer:
            answer = {**answer, "position": answer["choice"]}
            del answer["choice"]
        converted[qid] = answer
    return {**data, "format": FORMAT, "answers": converted}


def _parse(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise AssessError(f"{display(path)}:{error.lineno}: not valid JSON: {error.msg}") from None
    except RecursionError:
        raise AssessError(f"{display(path)}:1: not valid JSON: nested too deeply") from None
    except ValueError:
        # Python refuses to convert integers of more than 4,300 digits (a denial-of-service guard).
        raise AssessError(
            f"{display(path)}:{long_number_line(text)}: a number is too long"
        ) from None


def load_assessment(path: Path, summary: bool = False) -> Assessment:
    """The assessment in the file. summary: without what only a team's own reports need (the
    consolidation record's per-question spread and agreed answers), for comparisons of many
    teams: validating them was most of the cost of reading a consolidated team."""
    return parse_assessment(
        read_text(path, ASSESSMENT_LIMIT, "an assessment"), path, summary=summary
    )


SUMMARY_LEAVES_OUT = ("questions", "agreed")
"""The parts of a consolidation record that a summary leaves out (see load_assessment)."""


def parse_assessment(text: str, path: Path, summary: bool = False) -> Assessment:
    """The assessment in text, read from path (named in errors)."""
    data = require_mapping(_parse(text, path), path, "an assessment")
    _check_format(data, path)
    if data["format"] == FORMAT_1:
        data = _from_format_1(data)
    record = data.get("consolidation")
    if summary and isinstance(record, dict):
        data["consolidation"] = {k: v for k, v in record.items() if k not in SUMMARY_LEAVES_OUT}
    try:
        return Assessment.model_validate(data)
    except ValidationError as error:
        locate = partial(json_lines.line_of, text)
        raise validation_error(path, text, error, locate) from None


def to_json(assessment: Assessment) -> str:
    data = assessment.model_dump(mode="json", exclude_defaults=True)
    data = {"format": FORMAT, **data}
    # Empty answer fields are noise for a person reading the file.
    data["answers"] = {
        qid: {k: v for k, v in answer.items() if v not in ("", None)}
        for qid, answer in data.get("answers", {}).items()
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _refuse_foreign(path: Path, team: str) -> None:
    """An existing file is overwritten only when it is an assessment of the same team."""
    try:
        existing = load_assessment(path)
    except AssessError as error:
        raise AssessError(
            f"{display(path)}: refusing to overwrite a file that is not a valid assessment "
            f"({error.message.splitlines()[0]})"
        ) from None
    if existing.team != team:
        raise AssessError(
            f"{display(path)}: refusing to overwrite the assessment of team '{existing.team}'"
        )


def save_assessment(assessment: Assessment, path: Path) -> None:
    if path.exists():
        _refuse_foreign(path, assessment.team)
    write_text_atomically(path, to_json(assessment))


def standard_path(root: Path, assessment: Assessment, n: int = 1) -> Path:
    """Where an assessment lives under root, inside root whatever the team is called."""
    suffix = "" if n == 1 else f"-{n}"
    stem = f"{assessment.date.isoformat()}-{assessment.questionnaire}{suffix}"
    return root / team_slug(assessment.team) / f"{stem}{SUFFIX}"


def new_path(root: Path, assessment: Assessment) -> Path:
    """A free file name for a new assessment: never one that already exists."""
    n = 1
    while (candidate := standard_path(root, assessment, n)).exists():
        n += 1
    return candidate


def assessment_files(paths: list[Path]) -> Iterator[Path]:
    """The assessment files named, and those found recursively in the folders named; the
    respondent files in a team's `respondents` folder below a folder named are left out (a
    file or the respondents folder itself named is read)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob(f"*{SUFFIX}")
                if not p.name.startswith(".")
                and not p.name.endswith(NOT_ASSESSMENTS)
                and RESPONDENTS not in p.relative_to(path).parts[:-1]
            )
        elif path.exists():
            yield path
        else:
            raise AssessError(f"{display(path)}: no such file or folder")


def scan(root: Path) -> Iterator[tuple[Path, Assessment | AssessError]]:
    """Every assessment under root, or the reason it could not be read."""
    if not root.is_dir():
        return
    for path in assessment_files([root]):
        try:
            yield path, load_assessment(path)
        except AssessError as error:
            yield path, error
