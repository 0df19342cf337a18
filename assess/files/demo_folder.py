"""The sample-data folder of `assess demo`: it writes only where it wrote before.

A manifest (`.assess-demo`) records each sample file and its SHA-256. A folder holding an
assessment that is not in the manifest, or that changed since (someone answered it for real), is
not demo's to overwrite.
"""

import hashlib
import json
from pathlib import Path

from assess.atomic import write_text_atomically
from assess.errors import AssessError
from assess.files.kinds import data_kind
from assess.files.reading import display

MANIFEST = ".assess-demo"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
        return {str(k): str(v) for k, v in files.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def check_demo_folder(folder: Path) -> None:
    """Raise unless every assessment in folder was written, unchanged, by an earlier demo."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise AssessError(f"{display(folder)}: not a folder")
    known = _manifest(folder)
    for path in sorted(folder.rglob("*")):
        if path.name.startswith(".") or data_kind(path) in (None, "not a regular file"):
            continue
        if known.get(path.relative_to(folder).as_posix()) != _digest(path):
            raise AssessError(
                f"{display(folder)}: holds data that `assess demo` did not write "
                f"({display(path)}); choose another folder for sample data"
            )


def record_demo_files(folder: Path, written: list[Path]) -> None:
    known = _manifest(folder)
    known.update({p.relative_to(folder).as_posix(): _digest(p) for p in written})
    write_text_atomically(folder / MANIFEST, json.dumps({"files": known}, indent=1) + "\n")
