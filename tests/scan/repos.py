"""Small git repositories built in a temporary folder, with dated commits and tags."""

import os
import subprocess
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path


def git(repo: Path, *args: str, when: datetime | None = None) -> str:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(repo),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": os.environ.get("TEST_AUTHOR", "dev@example.com"),
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "dev@example.com",
    }
    if when is not None:
        stamp = f"{int(when.timestamp())} +0000"
        env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    done = subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def make_repo(path: Path, files: Mapping[str, str | bytes], when: datetime | None = None) -> Path:
    """A git repository at path whose first commit holds files."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    write(path, files)
    commit(path, "initial", when)
    return path


def write(repo: Path, files: Mapping[str, str | bytes]) -> None:
    for name, content in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def commit(repo: Path, subject: str, when: datetime | None = None, author: str = "") -> str:
    git(repo, "add", "-A")
    args = ["commit", "-q", "--allow-empty", "-m", subject]
    if author:
        args += ["--author", f"{author.split('@')[0]} <{author}>"]
    git(repo, *args, when=when)
    return git(repo, "rev-parse", "HEAD").strip()


def tag(repo: Path, name: str, when: datetime) -> None:
    git(repo, "tag", "-a", name, "-m", name, when=when)
