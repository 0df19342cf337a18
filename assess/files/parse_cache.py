"""A cache of parsed model files, so that a start does not parse the same YAML again.

Parsing the bundled model (260 kB of YAML) is the largest single cost of opening the
questionnaire. What is kept is only the plain data the YAML parser produced (mappings, lists,
text, numbers, dates) for text that parsed without any problem; every rule of the model is
still checked on it by the model's own validation at each start. An entry is named by a hash
of the file's text and of everything else that decides the data (the program's version, whether
aliases were allowed), so an edited file never meets a stale entry.

Entries are pickles of plain data read with an unpickler that refuses every class except
`datetime.date` and `datetime.datetime`: a damaged or foreign entry cannot run code, it is
simply parsed again. The cache is `$ASSESS_CACHE`, else `$XDG_CACHE_HOME/assess`, else
`~/.cache/assess`; `ASSESS_CACHE=` (empty) turns it off. Any problem with it (no home folder,
a read-only disk, a damaged entry) only costs the parse: it never stops a command.
"""

import contextlib
import datetime
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assess import __version__
from assess.atomic import write_bytes_atomically
from assess.errors import AssessError

ENV_VAR = "ASSESS_CACHE"
FORMAT = "parsed-yaml/1"
_ALLOWED = {("datetime", "date"): datetime.date, ("datetime", "datetime"): datetime.datetime}


def cache_dir() -> Path | None:
    """Where parsed models are kept; None when the cache is turned off or has no place."""
    chosen = os.environ.get(ENV_VAR)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        root = Path(base) if base else Path.home() / ".cache"
    except RuntimeError:  # no home folder to be found
        return None
    return root / "assess"


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not plain data") from None


def _entry(text: str, aliases: bool) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256()
    for part in (FORMAT, __version__, "aliases" if aliases else "no-aliases", text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return folder / "models" / f"{digest.hexdigest()}.pickle"


Parsed = tuple[Any, list[tuple[int, str]]]
"""The data of a file and the problems found while parsing it, as (line, message)."""


def cached_parse(text: str, aliases: bool, parse: Callable[[], Parsed]) -> Parsed:
    """What `parse` gives for `text`: from the cache when the same text parsed before without
    problems, else parsed now (and kept when it has no problems)."""
    entry = _entry(text, aliases)
    if entry is not None:
        try:
            with entry.open("rb") as handle:
                return _PlainUnpickler(handle).load(), []
        except Exception:  # none yet, or damaged, foreign or unreadable: parse again
            pass
    data, problems = parse()
    if entry is not None and not problems:
        with contextlib.suppress(AssessError, OSError, pickle.PicklingError, RecursionError):
            write_bytes_atomically(entry, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    return data, problems
