"""Ask git, read only, what a checkout tracks and what its history holds.

Every call is a fixed argument list (never a shell) with the user's and the system's git
configuration left out, and with the settings that could start a program from the repository's
own configuration switched off (fsmonitor, signature checks, pagers, external diff, textconv).
"""

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from assess.domain.history import PERIOD_DAYS, Commit, Tag
from assess.errors import AssessError

TIMEOUT_SECONDS = 120
MAX_COMMITS = 200_000
_SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.hooksPath=" + os.devnull,
    "core.pager=cat",
    "log.showSignature=false",
    "diff.external=",
    "core.quotePath=false",
)


def _env() -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "TMPDIR", "SYSTEMROOT")}
    return {
        **keep,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_NO_REPLACE_OBJECTS": "1",
        "LC_ALL": "C",
    }


def run_git(repo: Path, *args: str) -> bytes:
    """The output of one git command in repo, or an AssessError naming the repository."""
    config: list[str] = []
    for setting in (*_SAFE_CONFIG, f"safe.directory={repo}"):
        config += ["-c", setting]
    argv = ["git", "--no-pager", "--no-optional-locks", *config, "-C", str(repo), *args]
    try:
        done = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=_env(),
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        raise AssessError("git is not installed (it is needed to scan repositories)") from None
    except subprocess.TimeoutExpired:
        raise AssessError(f"{repo}: git took over {TIMEOUT_SECONDS} s; scan stopped") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise AssessError(f"{repo}: git failed: {reason[-1] if reason else 'no message'}")
    return done.stdout


def checkout_root(path: Path) -> Path:
    """The top folder of the git checkout at path, or one clear error."""
    if not path.is_dir():
        raise AssessError(f"{path}: no such folder")
    resolved = path.resolve()
    try:
        bare = run_git(resolved, "rev-parse", "--is-bare-repository").strip() == b"true"
        if bare:
            raise AssessError(f"{path}: a bare repository has no files to scan; clone it first")
        lines = run_git(resolved, "rev-parse", "--show-toplevel").decode("utf-8", "replace")
    except AssessError as error:
        if "bare repository" in error.message:
            raise
        if "not a git repository" in error.message:
            raise AssessError(f"{path}: not a git checkout") from None
        reason = error.message.rpartition("git failed: ")[2]
        raise AssessError(f"{path}: not a readable git checkout ({reason})") from None
    top = Path(lines.strip())
    if top.resolve() != resolved:
        raise AssessError(f"{path}: is inside the git checkout {top}; give its top folder")
    return resolved


def tracked_files(repo: Path) -> list[str]:
    """The paths git tracks (staged view of the index), '/'-separated."""
    out = run_git(repo, "ls-files", "-z", "--cached")
    return [p for p in out.decode("utf-8", "replace").split("\0") if p]


@dataclass(frozen=True)
class History:
    first_parent: list[Commit]
    """Commits of the main line, oldest first."""
    authors: list[tuple[datetime, str]]
    """(commit date, author e-mail) of every commit reachable in the period."""
    tags: list[Tag]


def main_ref(repo: Path) -> str | None:
    """The main branch: the remote's default, else main, else master, else HEAD."""
    for ref in ("refs/remotes/origin/HEAD", "refs/heads/main", "refs/heads/master", "HEAD"):
        try:
            run_git(repo, "rev-parse", "--verify", "--quiet", ref + "^{commit}")
        except AssessError:
            continue
        return ref
    return None


def read_history(repo: Path, until: datetime) -> History:
    ref = main_ref(repo)
    if ref is None:
        return History([], [], [])
    fmt = "--format=%H%x1f%ct%x1f%P%x1f%ae%x1f%s"
    out = run_git(
        repo, "log", "--first-parent", f"--max-count={MAX_COMMITS}", "--no-ext-diff",
        "--no-textconv", fmt, ref, "--",
    )  # fmt: skip
    commits = []
    for line in out.decode("utf-8", "replace").splitlines():
        parts = line.split("\x1f", 4)
        if len(parts) == 5:
            sha, when, parents, author, subject = parts
            commits.append(
                Commit(
                    sha=sha,
                    when=_time(when),
                    parents=len(parents.split()),
                    author=author.lower(),
                    subject=subject,
                )
            )
    commits.reverse()
    since = int((until - timedelta(days=PERIOD_DAYS)).timestamp())
    out = run_git(repo, "log", f"--since={since}", "--format=%ct%x1f%ae", ref, "--")
    authors = []
    for line in out.decode("utf-8", "replace").splitlines():
        when, _, email = line.partition("\x1f")
        if when:
            authors.append((_time(when), email.lower()))
    tag_format = (
        "--format=%(refname:strip=2)%1f%(objectname)%1f%(*objectname)%1f%(creatordate:unix)"
    )
    out = run_git(repo, "for-each-ref", tag_format, "refs/tags")
    tags = []
    for line in out.decode("utf-8", "replace").splitlines():
        parts = line.split("\x1f")
        if len(parts) == 4 and parts[3]:
            name, direct, peeled, when = parts
            tags.append(Tag(name=name, sha=peeled or direct, when=_time(when)))
    return History(commits, authors, tags)


def _time(unix: str) -> datetime:
    try:
        return datetime.fromtimestamp(int(unix), UTC)
    except (ValueError, OverflowError, OSError):
        return datetime.fromtimestamp(0, UTC)
