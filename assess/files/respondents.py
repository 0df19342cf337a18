"""Respondent files: one team member's answers, in the team's folder beside its assessment.

    <team-slug>/respondents/<date>-<questionnaire-id>-<name-slug>.json
The file is an ordinary assessment file with the `respondent` and `anonymous` fields set.
"""

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from assess.atomic import write_text_atomically
from assess.domain.assessment import Assessment
from assess.errors import AssessError
from assess.files.assessments import (
    NOT_ASSESSMENTS,
    RESPONDENTS,
    SUFFIX,
    load_assessment,
    to_json,
)
from assess.files.names import team_slug
from assess.files.reading import ASSESSMENT_LIMIT, read_bytes
from assess.files.yaml_source import display

FOLDER = RESPONDENTS


def name_slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-") or "anonymous"


def respondent_path(root: Path, respondent: Assessment, n: int = 1) -> Path:
    """Where a respondent's file lives under root; the n-th of the same name gets -n."""
    who = "anonymous" if respondent.anonymous else name_slug(respondent.respondent)
    suffix = "" if n == 1 else f"-{n}"
    stem = f"{respondent.date.isoformat()}-{respondent.questionnaire}-{who}{suffix}"
    return root / team_slug(respondent.team) / FOLDER / f"{stem}{SUFFIX}"


def folder(root: Path, team: str) -> Path:
    """The folder of a team's respondent files under root."""
    return root / team_slug(team) / FOLDER


def team_respondents(root: Path, team: str) -> list[tuple[Path, Assessment]]:
    """Every respondent file of the team under root, sorted by file name (so 'Respondent n'
    numbers stay put); a damaged file, or one of another team, is an error naming it."""
    where = folder(root, team)
    if not where.is_dir():
        return []
    found: list[tuple[Path, Assessment]] = []
    for path in sorted(where.glob(f"*{SUFFIX}"), key=lambda p: p.name):
        if path.name.startswith("."):
            continue
        respondent = load_assessment(path)
        if respondent.team != team:
            raise AssessError(
                f"{display(path)}: answers for team '{respondent.team}', not '{team}'"
            )
        found.append((path, respondent))
    return found


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes, as recorded in a consolidation's `files`."""
    return hashlib.sha256(read_bytes(path, ASSESSMENT_LIMIT, "an assessment")).hexdigest()


def file_hashes(paths: Iterable[Path]) -> dict[str, str]:
    """File name -> SHA-256 of its content, for `Consolidation.files` and `stale`."""
    return {path.name: file_hash(path) for path in paths}


def stale(assessment: Assessment, files_now: Mapping[str, str]) -> list[str]:
    """What changed among the team's respondent files since the assessment was consolidated:
    one line per file added, changed or removed, in file name order; empty when nothing did
    or the assessment was not consolidated from respondents."""
    record = assessment.consolidation
    if record is None:
        return []
    then = record.files
    changes: list[str] = []
    for name in sorted(set(then) | set(files_now)):
        if name not in then:
            changes.append(f"{name} added")
        elif name not in files_now:
            changes.append(f"{name} removed")
        elif then[name] != files_now[name]:
            changes.append(f"{name} changed")
    return changes


def team_assessments(root: Path, team: str) -> list[tuple[Path, Assessment]]:
    """The team's own assessments under root (not its respondents), by file name; a damaged
    file is an error naming it."""
    where = root / team_slug(team)
    if not where.is_dir():
        return []
    found = []
    for path in sorted(where.glob(f"*{SUFFIX}"), key=lambda p: p.name):
        if path.name.startswith(".") or path.name.endswith(NOT_ASSESSMENTS):
            continue
        assessment = load_assessment(path)
        if assessment.team == team:
            found.append((path, assessment))
    return found


def files_now(path: Path, assessment: Assessment) -> dict[str, str] | None:
    """The respondent files beside a consolidated team assessment at path, as `stale` takes
    them: those of its model, told by file name and hashed without being parsed (cheap enough
    for every team of a comparison); None when there is no respondents folder beside it (the
    file was copied elsewhere)."""
    where = path.parent / FOLDER
    if path.parent.name != team_slug(assessment.team) or not where.is_dir():
        return None
    model = f"-{assessment.questionnaire}-"
    try:
        return file_hashes(
            p
            for p in sorted(where.glob(f"*{SUFFIX}"))
            if not p.name.startswith(".") and p.name[10:].startswith(model)
        )
    except AssessError:
        return None


def collect(path: Path, root: Path, questionnaire: str, version: str) -> Path:
    """Copy one respondent file under root; refuse another model or version; never overwrite:
    a file of the same name gets a free -n name, and a file already collected with the same
    content is not copied again (its path is returned)."""
    respondent = load_assessment(path)
    if not respondent.respondent and not respondent.anonymous:
        raise AssessError(
            f"{display(path)}: not a respondent file (it names no respondent and is not "
            "anonymous); a team's own assessment is not collected"
        )
    if respondent.questionnaire != questionnaire or respondent.questionnaire_version != version:
        raise AssessError(
            f"{display(path)}: answers '{respondent.questionnaire}' version "
            f"{respondent.questionnaire_version}, not '{questionnaire}' version {version}"
        )
    text = to_json(respondent)
    n = 1
    while (target := respondent_path(root, respondent, n)).exists():
        if _same_content(target, text):
            return target
        if _same_session(target, respondent):
            # Another copy of the same member's answers, changed since: taking both would count
            # the member twice, replacing would lose the first; the user decides.
            raise AssessError(
                f"{display(path)}: a different copy of the same answers (started "
                f"{respondent.created.isoformat(timespec='seconds')}) is already collected as "
                f"{display(target)}; remove that file first to take this copy"
            )
        n += 1
    write_text_atomically(target, text)
    return target


def _same_session(path: Path, respondent: Assessment) -> bool:
    """Whether the file at path holds the same member's answers from the same start."""
    try:
        other = load_assessment(path)
    except AssessError:
        return False
    return (other.respondent, other.anonymous, other.created) == (
        respondent.respondent,
        respondent.anonymous,
        respondent.created,
    )


def _same_content(path: Path, text: str) -> bool:
    try:
        return read_bytes(path, ASSESSMENT_LIMIT, "an assessment") == text.encode("utf-8")
    except AssessError:
        return False


def respondent_files(paths: list[Path]) -> Iterator[Path]:
    """The respondent files in the team folders below the folders named: those that
    assessment_files leaves out."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob(f"*{SUFFIX}")
                if not p.name.startswith(".") and FOLDER in p.relative_to(path).parts[:-1]
            )
