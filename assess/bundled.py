"""Where the shipped questionnaires/ and report_templates/ folders are.

In a wheel they are inside the package (hatchling force-include); in an editable install or a
checkout they sit at the repository's top level, beside the package.
"""

from pathlib import Path


def _folder(name: str) -> Path:
    inside = Path(__file__).parent / name
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parent.parent / name


def questionnaires_dir() -> Path:
    return _folder("questionnaires")


def templates_dir() -> Path:
    return _folder("report_templates")
