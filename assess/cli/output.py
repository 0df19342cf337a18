"""Where `report` and `compare` write, and in which format: the name of the output file and
--format must agree, and the folder must already exist (a typo never creates a tree of folders).

Overwrite rules wrap these checks; they stay here so that both commands ask the same questions.
"""

from collections.abc import Mapping
from pathlib import Path

from assess.errors import AssessError

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
