"""Read a data file safely: only a regular file, never more than a stated size.

A FIFO would block a plain `open()` until someone writes to it, and /dev/zero never ends, so the
file is opened without blocking, checked with fstat on the open descriptor (no race with a file
swapped in between), and read with a cap.
"""

import os
import stat
from pathlib import Path

from assess.errors import AssessError

MB = 1024 * 1024
ASSESSMENT_LIMIT = 20 * MB
QUESTIONNAIRE_LIMIT = 5 * MB

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def display(path: Path) -> str:
    """The path as the user gave it, relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _size(n: int) -> str:
    if n % MB == 0:
        return f"{n // MB} MB"
    return f"{n / MB:.1f} MB" if n >= MB / 10 else f"{n} bytes"


def _refuse_special(path: Path) -> None:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        raise AssessError(f"{display(path)}: {_kind(mode)}, not a file; only files are read")


def read_bytes(path: Path, limit: int, what: str) -> bytes:
    """The bytes of path, which must be a regular file of at most `limit` bytes.

    `what` names the kind of file in the error, e.g. "an assessment"."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise AssessError(f"{display(path)}: no such file") from None
    except OSError as error:
        _refuse_special(path)  # a socket cannot even be opened
        raise AssessError(f"{display(path)}: cannot be read ({error.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise AssessError(
                f"{display(path)}: {_kind(info.st_mode)}, not a file; only files are read"
            )
        if info.st_size > limit:
            raise AssessError(
                f"{display(path)}: too large for {what} ({_size(info.st_size)}; "
                f"the limit is {_size(limit)})"
            )
        chunks = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(limit + 1 - total, MB))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise AssessError(f"{display(path)}: cannot be read ({error.strerror})") from None
    finally:
        os.close(fd)
    if total > limit:
        # It grew while being read.
        raise AssessError(
            f"{display(path)}: too large for {what} (over {_size(limit)}; "
            f"the limit is {_size(limit)})"
        )
    return b"".join(chunks)


def read_text(path: Path, limit: int, what: str) -> str:
    """The UTF-8 text of path, read as `read_bytes` does."""
    data = read_bytes(path, limit, what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise AssessError(f"{display(path)}: not a text file (it is not UTF-8)") from None
