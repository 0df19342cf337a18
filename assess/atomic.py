"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

import os
import tempfile
from pathlib import Path

from assess.errors import AssessError


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 less umask),
    not the owner-only 0600 that a temporary file starts with."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def temp_prefix(path: Path) -> str:
    """Temporary files are hidden and carry the writer's process id, so the next start can tell
    the leftovers of a killed write from a write in progress."""
    return f".{path.name}.{os.getpid()}-"


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside path, flush it to disk, then rename it over path."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".tmp")
    except OSError as error:
        raise AssessError(f"{path}: cannot be written ({error.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise AssessError(f"{path}: cannot be written ({error.strerror})") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_text_atomically(path: Path, text: str) -> None:
    write_bytes_atomically(path, text.encode("utf-8"))


def create_exclusively(path: Path, data: bytes) -> bool:
    """Write a new file at path, complete, only if no file is there; False when one is.

    The content goes to a temporary file first and is hard-linked into place, which fails when the
    name exists: no reader sees a half-written file and two writers never share one name.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".tmp")
    except OSError as error:
        raise AssessError(f"{path}: cannot be written ({error.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(path))
        try:
            os.link(temp, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: O_EXCL is the exclusive step
            return _create_with_excl(path, data)
        return True
    except OSError as error:
        raise AssessError(f"{path}: cannot be written ({error.strerror})") from None
    finally:
        Path(temp).unlink(missing_ok=True)


def _create_with_excl(path: Path, data: bytes) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _mode_for(path))
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return True
