"""Where `report` and `compare` write, and in which format: the name of the output file and
--format must agree, and the folder must already exist (a typo never creates a tree of folders).

Then whether it may write there at all: never over data (an assessment, a respondent file, a
questionnaire, judged by content), over another existing file only when asked. Every command that
writes a file (report, compare, the TUI's PDF export) asks the same questions here.
"""

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click

from assess.errors import AssessError, OutputExists

F = TypeVar("F", bound=Callable[..., Any])

REPORT_SUFFIXES: Mapping[str, str] = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
}
COMPARE_SUFFIXES: Mapping[str, str] = {
    **REPORT_SUFFIXES,
    ".csv": "csv",
    ".json": "json",
    ".txt": "table",
}


def output_format(
    out: Path | None, fmt: str | None, suffixes: Mapping[str, str], default: str
) -> str:
    """The format to write: --format, else the one the output file's suffix names, else default.

    A --format that the suffix contradicts, a suffix no format has, or an output name without a
    suffix and without --format is an error naming the file."""
    if out is None:
        return fmt or default
    suffix = out.suffix.lower()
    known = ", ".join(dict.fromkeys(suffixes))
    if not suffix:
        if fmt is not None:
            return fmt
        raise AssessError(
            f"{out}: no suffix to tell the format by; name it {known} or give --format"
        )
    named = suffixes.get(suffix)
    if named is None:
        raise AssessError(f"{out}: no format has the suffix {suffix}; use one of {known}")
    if fmt is not None and fmt != named:
        raise AssessError(
            f"{out}: --format {fmt} contradicts the suffix {suffix} ({named}); "
            "drop --format or change the name"
        )
    return named


def check_output_folder(out: Path) -> None:
    """The folder out goes into must exist: a missing one is an error, never created."""
    folder = out.parent
    if not folder.exists():
        raise AssessError(f"{out}: the folder {folder} does not exist; create it first")
    if not folder.is_dir():
        raise AssessError(f"{out}: {folder} is not a folder")
    if out.is_dir():
        raise AssessError(f"{out}: is a folder; name the file to write")


def force_option(func: F) -> F:
    return click.option(
        "--force", is_flag=True, help="Replace the output file if it exists (never an assessment)."
    )(func)


def check_output(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Refuse to write path when it holds data (an assessment, a respondent file, a
    questionnaire), is one of the inputs, or is not a regular file; an existing file is replaced
    only with force (raises OutputExists otherwise)."""
    from assess.files.kinds import data_kind

    shown = str(path)
    if path.is_dir():
        raise AssessError(f"{shown}: is a folder; name the file to write")
    kind = data_kind(path)
    if kind == "not a regular file":
        raise AssessError(f"{shown}: not a regular file; refusing to write there")
    if kind is not None:
        raise AssessError(f"{shown}: refusing to write over {kind}; name another file")
    resolved = path.resolve()
    if any(resolved == source.resolve() for source in inputs):
        raise AssessError(f"{shown}: refusing to write over one of the files read")
    if (path.exists() or path.is_symlink()) and not force:
        raise OutputExists(f"{shown}: already exists; add --force to replace it")
