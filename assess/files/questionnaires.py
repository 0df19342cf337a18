"""Find and load questionnaire YAML files: the bundled ones and the user's own folders."""

import os
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError

from assess.bundled import questionnaires_dir
from assess.domain.questionnaire import CrossFieldErrors, Questionnaire
from assess.errors import AssessError
from assess.files.parse_cache import cached_parse
from assess.files.reading import QUESTIONNAIRE_LIMIT, read_text
from assess.files.salvage import rule_problems
from assess.files.yaml_source import (
    display,
    line_of,
    located,
    parse_with_duplicates,
    require_mapping,
    validation_error,
    with_lines,
)

ENV_VAR = "ASSESS_QUESTIONNAIRES"
DEFAULT_ID = "devops-mlops"
ARCHIVE = "archive"
"""Beside a questionnaire folder's models: earlier versions, kept so that assessments answered
on them still score as they were answered. Files there are named ID-VERSION.yaml."""


def archived_name(questionnaire_id: str, version: str) -> str:
    return f"{questionnaire_id}-{version}.yaml"


RULES_FOLDER = "detect"


def rules_path(path: Path) -> Path:
    """Where the detection rules of the questionnaire in path may be kept apart from it."""
    return path.parent / RULES_FOLDER / path.name


def load_questionnaire(path: Path, rules: bool = True) -> Questionnaire:
    """The validated questionnaire in path, with the detection rules kept beside it.

    Without `rules` the rules file is not read: only a scan uses the rules, and reading and
    checking them (their patterns compiled) is a noticeable part of opening the questionnaire.
    Rules written inline in the model are part of it and checked either way."""
    questionnaire = _load_model(path)
    book = rules_path(path)
    return _with_rules(questionnaire, book) if rules and book.is_file() else questionnaire


def _with_rules(questionnaire: Questionnaire, path: Path) -> Questionnaire:
    from assess.domain.rulebook import Rulebook, attach  # only a scan reads the rules

    text = read_text(path, QUESTIONNAIRE_LIMIT, "a rules file")
    # Rules files share file patterns through YAML anchors; they are bounded by the size cap.
    document, duplicates = cached_parse(
        text, True, lambda: parse_with_duplicates(text, path, aliases=True)
    )
    if duplicates:
        raise AssessError(located(path, duplicates))
    data = require_mapping(document, path, "a rules file")
    try:
        return attach(questionnaire, Rulebook.model_validate(data))
    except ValidationError as error:
        raise validation_error(path, text, error) from None
    except CrossFieldErrors as error:
        document = with_lines(text)
        raise AssessError(
            "\n".join(
                f"{display(path)}:{line_of(document, where)}: "
                f"{'.'.join(str(step) for step in where)}: {message}"
                for where, message in error.problems
            )
        ) from None


def _load_model(path: Path) -> Questionnaire:
    """The validated questionnaire in path; every problem in the file is reported at once."""
    text = read_text(path, QUESTIONNAIRE_LIMIT, "a questionnaire")
    document, duplicates = cached_parse(text, False, lambda: parse_with_duplicates(text, path))
    data = require_mapping(document, path, "a questionnaire")
    try:
        questionnaire = Questionnaire.model_validate(data)
    except ValidationError as error:
        rules = rule_problems(Questionnaire, data, error)
        raise validation_error(path, text, error, rules=rules, lines=duplicates) from None
    if duplicates:
        raise AssessError(located(path, duplicates))
    if path.parent.name == ARCHIVE and path.stem != questionnaire.id:
        expected = archived_name(questionnaire.id, questionnaire.version)
        if path.name != expected:
            line = line_of(with_lines(text), ("version",))
            raise AssessError(
                f"{display(path)}:{line}: version: an archived questionnaire is named "
                f"ID-VERSION.yaml; this one should be '{expected}'"
            )
    elif questionnaire.id != path.stem:
        line = line_of(with_lines(text), ("id",))
        raise AssessError(
            f"{display(path)}:{line}: id: '{questionnaire.id}' must match the file name "
            f"'{path.stem}' (a questionnaire is found by its id)"
        )
    return questionnaire


class Source(NamedTuple):
    """A questionnaire file found on disk, not yet loaded."""

    id: str
    path: Path
    bundled: bool


def search_dirs(extra: list[Path]) -> list[tuple[Path, bool]]:
    """User folders (option first, then the environment variable) before the bundled one."""
    from_env = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return [(d, False) for d in [*extra, *from_env]] + [(questionnaires_dir(), True)]


def discover(extra: list[Path]) -> list[Source]:
    """Every questionnaire file, one per id; a user's file shadows a bundled one of the same id."""
    found: dict[str, Source] = {}
    for folder, bundled in search_dirs(extra):
        if not folder.is_dir():
            if not bundled:
                raise AssessError(f"{display(folder)}: questionnaire folder not found")
            continue
        for path in sorted(folder.glob("*.yaml")):
            found.setdefault(path.stem, Source(path.stem, path, bundled))
    return sorted(found.values(), key=lambda s: (s.bundled, s.id))


def resolve(id_or_path: str | None, extra: list[Path]) -> Path:
    """The file of a questionnaire named by id or path (the default model when None)."""
    wanted = id_or_path or DEFAULT_ID
    as_path = Path(wanted)
    if as_path.suffix in (".yaml", ".yml") or os.sep in wanted:
        if not as_path.is_file():
            raise AssessError(f"{display(as_path)}: no such questionnaire file")
        return as_path
    sources = discover(extra)
    for source in sources:
        if source.id == wanted:
            return source.path
    known = ", ".join(s.id for s in sources) or "none"
    raise AssessError(f"no questionnaire with id '{wanted}' (known: {known})")


def archived(extra: list[Path]) -> list[Source]:
    """The earlier versions kept in the archive folders, for listing (id is ID-VERSION)."""
    found: dict[str, Source] = {}
    for folder, bundled in search_dirs(extra):
        for path in sorted((folder / ARCHIVE).glob("*.yaml")):
            found.setdefault(path.stem, Source(path.stem, path, bundled))
    return sorted(found.values(), key=lambda s: (s.bundled, s.id))


def resolve_version(questionnaire_id: str, version: str, extra: list[Path]) -> Path:
    """The file of the model an assessment was answered on: the current one, or the archived
    ID-VERSION.yaml beside it when the current one has moved on and the archive has it."""
    current = resolve(questionnaire_id, extra)
    candidate = current.parent / ARCHIVE / archived_name(current.stem, version)
    return candidate if candidate.is_file() else current


def find_questionnaire(
    id_or_path: str | None, extra: list[Path], version: str | None = None
) -> Questionnaire:
    """The questionnaire by id or path; with a version, the archived one of that version when
    there is one (otherwise the current one, which callers warn about when it differs)."""
    if version is None or id_or_path is None:
        return load_questionnaire(resolve(id_or_path, extra))
    return load_questionnaire(resolve_version(id_or_path, version, extra))
