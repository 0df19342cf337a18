"""Which tracked paths each rule's globs select, in one pass over the paths.

A repository may track 100,000 files and a model may hold a hundred globs, so globs are indexed
by what they fix (an exact file name, an extension, a first folder, a name prefix) and a path is
checked only against the few globs that could match it.
"""

import re
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

from assess.domain.patterns import glob_regex

_WILD = re.compile(r"[*?{]")


@dataclass
class _Entry:
    key: Hashable
    regex: re.Pattern[str]
    whole_path: bool
    certain: bool = False
    """The index key alone decides: '*.py' filed under the extension 'py' matches every name
    filed there, so its regular expression need not run."""


@dataclass
class Selector:
    """Globs of many rules, indexed; `select` returns the paths per rule key."""

    by_name: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    by_extension: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    by_folder: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    by_prefix: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    anywhere: list[_Entry] = field(default_factory=list)

    def add(self, key: Hashable, glob: str) -> None:
        for expanded in _expand(glob):
            self._add_one(key, expanded)

    def _add_one(self, key: Hashable, glob: str) -> None:
        whole_path = "/" in glob
        entry = _Entry(key, re.compile(glob_regex(glob)), whole_path)
        name = glob.rsplit("/", 1)[-1]
        first = glob.split("/", 1)[0]
        if whole_path and not _WILD.search(first):
            self.by_folder[first].append(entry)
        elif not _WILD.search(name):
            self.by_name[name].append(entry)
        elif name.startswith("*.") and not _WILD.search(name[2:]):
            entry.certain = not whole_path and "." not in name[2:]
            self.by_extension[name.rsplit(".", 1)[-1]].append(entry)
        elif len(prefix := _WILD.split(name, 1)[0]) >= 3:
            self.by_prefix[prefix[:3]].append(entry)
        else:
            self.anywhere.append(entry)

    def select(self, paths: list[str]) -> dict[Hashable, list[str]]:
        chosen: dict[Hashable, list[str]] = defaultdict(list)
        by_name, by_ext = self.by_name, self.by_extension
        by_folder, by_prefix, anywhere = self.by_folder, self.by_prefix, self.anywhere
        # The globs a path is checked against depend only on these four parts of it; most paths
        # of a large repository share them with others, so each combination is looked up once.
        cache: dict[tuple[str | None, str, str, str], list[_Entry]] = {}
        empty: list[_Entry] = []
        for path in paths:
            slash = path.rfind("/")
            name = path[slash + 1 :]
            dot = name.rfind(".")
            ext = name[dot + 1 :] if dot >= 0 else ""
            folder = path[: path.find("/")] if slash >= 0 else ""
            key = (name if name in by_name else None, ext, folder, name[:3])
            candidates = cache.get(key)
            if candidates is None:
                candidates = [
                    *by_name.get(name, empty),
                    *(by_ext.get(ext, empty) if dot >= 0 else empty),
                    *(by_folder.get(folder, empty) if slash >= 0 else empty),
                    *by_prefix.get(name[:3], empty),
                    *anywhere,
                ]
                cache[key] = candidates
            if not candidates:
                continue
            seen: set[Hashable] = set()
            for entry in candidates:
                if entry.key in seen:
                    continue
                if entry.certain or entry.regex.fullmatch(path if entry.whole_path else name):
                    seen.add(entry.key)
                    chosen[entry.key].append(path)
        return chosen


def _expand(glob: str) -> list[str]:
    """The glob with its {a,b} alternatives written out: 'x.{yml,yaml}' -> x.yml, x.yaml."""
    start = glob.find("{")
    if start < 0:
        return [glob]
    end = glob.index("}", start)
    head, tail = glob[:start], glob[end + 1 :]
    return [
        expanded
        for option in glob[start + 1 : end].split(",")
        for expanded in _expand(head + option + tail)
    ]
