"""What an existing file holds, judged by its content: so no output is written over data.

The suffix is not enough: an assessment renamed to `report.pdf` is still an assessment, and a
report named `team.json` must not make a real `team.json` look like a report.
"""

import json
import re
import stat
from pathlib import Path

import yaml

from assess.files.reading import ASSESSMENT_LIMIT, QUESTIONNAIRE_LIMIT, read_bytes

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PREFIX = 64 * 1024
_FORMAT_FIELD = re.compile(r'"format"\s*:\s*"(assess-[^"]*)"')
# By prefix of the "format" field: other formats (reports, exports) are not data.
_FORMATS = (("assess-assessment", "an assessment"), ("assess-respon", "a respondent file"))


def _kind_of(data: object) -> str | None:
    if not isinstance(data, dict):
        return None
    fmt = data.get("format")
    if isinstance(fmt, str):
        return next((kind for prefix, kind in _FORMATS if fmt.startswith(prefix)), None)
    if "id" in data and ("areas" in data or "dimensions" in data or "levels" in data):
        return "a questionnaire"
    return None


def data_kind(path: Path) -> str | None:
    """'an assessment', 'a respondent file', 'a questionnaire' or 'not a regular file' when path
    holds one (following links); None when it is missing or anything else (a report, say)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if not stat.S_ISREG(mode):
        return None if stat.S_ISDIR(mode) else "not a regular file"
    try:
        with path.open("rb") as handle:
            head = handle.read(_PREFIX)
    except OSError:
        return None
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        # Our JSON files start with the format field; a hand-edited one may not, so parse it.
        match = _FORMAT_FIELD.search(text, 0, 400)
        if match is not None:
            return _kind_of({"format": match.group(1)})
        try:
            return _kind_of(json.loads(read_bytes(path, ASSESSMENT_LIMIT, "a file")))
        except Exception:  # not JSON, too large, unreadable: not data we know
            return None
    if text.startswith("%PDF") or text[:15].lower().startswith(("<!doctype", "<html")):
        return None
    try:
        document = yaml.load(read_bytes(path, QUESTIONNAIRE_LIMIT, "a file"), Loader=_Loader)
    except Exception:  # not YAML either
        return None
    return _kind_of(document)
