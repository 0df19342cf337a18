"""Read a tracked file safely: regular files inside the checkout only, bounded, text only.

A symlink is never followed (not even one pointing inside the checkout: simplest to trust), a
FIFO or device is never opened for reading, and what is read is capped in size.
"""

import os
import stat
from enum import Enum
from pathlib import Path

MAX_BYTES = 1024 * 1024
"""Files larger than this are skipped (and counted), not read in part."""
BINARY_PROBE = 8192


class Skip(Enum):
    TOO_LARGE = "above the size cap"
    BINARY = "binary"
    NOT_REGULAR = "not a regular file (symlink, FIFO, device, folder)"
    OUTSIDE = "outside the checkout"
    UNREADABLE = "unreadable"


def read_text(root: Path, relative: str, cap: int = MAX_BYTES) -> str | Skip:
    """The file's text (UTF-8, undecodable bytes replaced), or why it was skipped."""
    full = os.path.join(root, relative)
    parent = os.path.realpath(os.path.dirname(full))
    if parent != str(root) and not parent.startswith(str(root) + os.sep):
        return Skip.OUTSIDE  # a folder on the way was swapped for a symlink
    try:
        info = os.lstat(full)
    except OSError:
        return Skip.UNREADABLE
    if not stat.S_ISREG(info.st_mode):
        return Skip.NOT_REGULAR
    if info.st_size > cap:
        return Skip.TOO_LARGE
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(full, flags)
    except OSError:
        return Skip.UNREADABLE
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped between lstat and open
            return Skip.NOT_REGULAR
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(cap + 1)
    except OSError:
        return Skip.UNREADABLE
    finally:
        os.close(fd)
    if len(data) > cap:
        return Skip.TOO_LARGE
    if b"\0" in data[:BINARY_PROBE]:
        return Skip.BINARY
    return data.decode("utf-8", "replace")
