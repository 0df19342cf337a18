"""An assessment file held open by one window: no write loses a change made elsewhere.

Before each write the store compares the file's content fingerprint (SHA-256 of its bytes) with the
one it last read or wrote. When another window or a hand edit changed the file, the two versions
are merged answer by answer (`assess.domain.merge`); a change to the same answer on both sides is
refused with a message naming it. The check and the write run under an flock on the folder, so two
stores on one file cannot interleave between them. A new assessment gets its file only at its
first write, and then exclusively: two windows starting one team on one day get two files.
"""

import fcntl
import hashlib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from assess.atomic import create_exclusively, write_text_atomically
from assess.domain.assessment import Assessment
from assess.domain.merge import MergeConflict, merge
from assess.errors import AssessError
from assess.files.assessments import parse_assessment, standard_path, to_json
from assess.files.lock import Lock, Owner, process_gone
from assess.files.reading import ASSESSMENT_LIMIT, read_bytes
from assess.files.yaml_source import display

_MAX_SAME_DAY = 1000

Place = Callable[[Path, Assessment, int], Path]
"""Where the n-th file of an assessment goes under a root (standard_path, respondent_path)."""


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextmanager
def _folder_locked(folder: Path) -> Iterator[None]:
    """Only one store at a time checks and writes in this folder (released when the fd closes)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


class AssessmentStore:
    """One assessment's file: what was last read or written, and the lock that says who writes."""

    def __init__(
        self,
        path: Path,
        assessment: Assessment,
        seen: str | None,
        root: Path,
        place: Place = standard_path,
    ) -> None:
        self._path = path
        self._place = place
        self._assessment = assessment
        self._seen = seen
        """Fingerprint of the file as last read or written; None while it does not exist."""
        self._root = root
        self._lock = Lock(path)
        self._held_by: Owner | None = None
        self.failed = False
        """The last write failed: what is on screen is not all on disk."""

    @classmethod
    def open(cls, path: Path) -> "AssessmentStore":
        """An existing assessment; read-only (see `held_by`) when another window has it open."""
        data = read_bytes(path, ASSESSMENT_LIMIT, "an assessment")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise AssessError(f"{display(path)}: not a text file (it is not UTF-8)") from None
        store = cls(path, parse_assessment(text, path), fingerprint(data), path.parent.parent)
        store._held_by = store._lock.acquire()
        return store

    @classmethod
    def new(
        cls, root: Path, assessment: Assessment, place: Place = standard_path
    ) -> "AssessmentStore":
        """A new assessment under root, at the first free name `place` gives (by default the
        team's assessment; respondent files pass respondent_path); no file is written until
        the first save."""
        n = 1
        while (path := place(root, assessment, n)).exists():
            n += 1
        return cls(path, assessment, None, root, place)

    # What the TUI sees ------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def assessment(self) -> Assessment:
        """The assessment as last read or written."""
        return self._assessment

    @property
    def exists(self) -> bool:
        return self._seen is not None

    @property
    def held_by(self) -> str | None:
        """Who else has the file open, when this store is read-only because of it."""
        return None if self._held_by is None else self._held_by.describe()

    def adopt(self, assessment: Assessment) -> None:
        """Take the same answers in another form (a format-1 file read against its model) as
        what was read, without writing: the next save writes them in the current format."""
        self._assessment = assessment

    def take_over(self) -> None:
        """Become the writer although another window has the file open."""
        self._lock.take_over()
        self._held_by = None

    def close(self) -> None:
        if self.exists and self._held_by is None:
            self._lock.release()

    def save(self, assessment: Assessment) -> Assessment:
        """Write assessment, merged with any change made elsewhere; returns what is on disk now."""
        try:
            saved = self._save(assessment)
        except AssessError:
            self.failed = True
            raise
        self.failed = False
        return saved

    # Writing ----------------------------------------------------------------------------------

    def _save(self, assessment: Assessment) -> Assessment:
        if self._held_by is None and self.exists:
            self._held_by = self._lock.holder()  # another window may have taken over
        if self._held_by is not None:
            raise AssessError(
                f"{display(self._path)}: not saved: the assessment is open in another window "
                f"({self._held_by.describe()}); this one is read-only"
            )
        if not self.exists:
            return self._create(assessment)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        with _folder_locked(self._path.parent):
            merged = self._merge_with_disk(assessment)
            text = to_json(merged)
            write_text_atomically(self._path, text)
        self._seen = fingerprint(text.encode("utf-8"))
        self._assessment = merged
        return merged

    def _create(self, assessment: Assessment) -> Assessment:
        data = to_json(assessment).encode("utf-8")
        for n in range(1, _MAX_SAME_DAY + 1):
            path = self._place(self._root, assessment, n)
            if create_exclusively(path, data):
                self._path, self._seen, self._assessment = path, fingerprint(data), assessment
                self._lock = Lock(path)
                self._held_by = self._lock.acquire()  # a new name: nobody else holds it
                return assessment
        raise AssessError(f"{display(self._path.parent)}: too many assessments on one day")

    def _merge_with_disk(self, assessment: Assessment) -> Assessment:
        try:
            data = read_bytes(self._path, ASSESSMENT_LIMIT, "an assessment")
        except AssessError:
            if self._path.exists() or self._path.is_symlink():
                raise
            return assessment  # removed elsewhere: write it again rather than lose the answers
        seen = fingerprint(data)
        if seen == self._seen:
            return assessment
        try:
            theirs = parse_assessment(data.decode("utf-8", errors="replace"), self._path)
        except AssessError as error:
            raise AssessError(
                f"{display(self._path)}: not saved: the file was changed elsewhere and is no "
                f"longer a valid assessment ({error.message.splitlines()[0]})"
            ) from None
        try:
            return merge(self._assessment, assessment, theirs)
        except MergeConflict as conflict:
            # From now on the other version is the one this window builds on.
            self._assessment, self._seen = theirs, seen
            raise MergeConflict(
                f"{display(self._path)}: {conflict.message}", theirs, conflict.conflicts
            ) from None


_TEMP = re.compile(r"^\..+\.(\d+)-[^.]+\.tmp$")


def remove_orphans(root: Path) -> list[Path]:
    """Remove temporary files left under root by writes that were killed; returns them.

    A temporary file's name carries its writer's process id: one whose process is gone is a
    leftover. Files of this process and of live ones are writes in progress and are kept."""
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    for path in root.rglob(".*.tmp"):
        match = _TEMP.match(path.name)
        if match is None or int(match.group(1)) == os.getpid():
            continue
        if process_gone(int(match.group(1))) and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
