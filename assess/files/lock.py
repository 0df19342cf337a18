"""A lock file beside an assessment: tells a second window that the file is open elsewhere.

The lock is advisory: it decides which window writes, while the store's merge check still guards
every write. It records the owner's process, host and start time, plus a token per open store, so
two windows in one process are told apart. A lock left by a process that no longer runs on this
host is stale and taken silently; a lock from another host cannot be checked and is reported.
"""

import json
import os
import secrets
import socket
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from assess.atomic import write_text_atomically
from assess.errors import AssessError


class Owner(NamedTuple):
    pid: int
    host: str
    since: str
    token: str

    def describe(self) -> str:
        when = self.since[11:16] if len(self.since) >= 16 else self.since
        return f"process {self.pid} on {self.host}, since {when}"


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def _read(lock: Path) -> Owner | None:
    """The owner recorded in lock; None when there is no lock or it is unreadable."""
    try:
        data = json.loads(lock.read_text(encoding="utf-8"))
        return Owner(int(data["pid"]), str(data["host"]), str(data["since"]), str(data["token"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def is_stale(owner: Owner) -> bool:
    return owner.host == socket.gethostname() and not _alive(owner.pid)


def process_gone(pid: int) -> bool:
    """No process with this id runs on this host."""
    return not _alive(pid)


class Lock:
    """This store's claim on an assessment file."""

    def __init__(self, path: Path) -> None:
        self.file = lock_path(path)
        self.me = Owner(
            os.getpid(),
            socket.gethostname(),
            datetime.now().astimezone().isoformat(timespec="seconds"),
            secrets.token_hex(8),
        )

    def _text(self) -> str:
        return json.dumps(self.me._asdict()) + "\n"

    def acquire(self) -> Owner | None:
        """Take the lock; returns the live owner instead when another window holds it."""
        for _ in range(3):
            try:
                fd = os.open(self.file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                owner = _read(self.file)
                if owner is not None and owner.token == self.me.token:
                    return None
                if owner is not None and not is_stale(owner):
                    return owner
                # Stale or unreadable: remove it and try again (another window may win the race).
                self.file.unlink(missing_ok=True)
                continue
            except OSError as error:
                raise AssessError(
                    f"{self.file}: cannot create the lock ({error.strerror})"
                ) from None
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(self._text())
            return None
        return _read(self.file)

    def take_over(self) -> None:
        write_text_atomically(self.file, self._text())

    def holder(self) -> Owner | None:
        """Who holds the lock now when it is not this store (None: this store, or nobody)."""
        owner = _read(self.file)
        if owner is None or owner.token == self.me.token or is_stale(owner):
            return None
        return owner

    def release(self) -> None:
        owner = _read(self.file)
        if owner is not None and owner.token == self.me.token:
            self.file.unlink(missing_ok=True)
