"""Repository scan: time against the unavoidable work, and growth from 10,000 to 100,000 files.

A generated git repository (mostly Python modules, with some YAML manifests, Dockerfiles,
workflows and Terraform files spread through it) is scanned with the bundled model's rules.
- The baseline is the work any scan must do: `git ls-files -z`, the same `git log` and
  `git for-each-ref` calls the history rules need, and reading exactly the files the rules select
  for content (the selection is computed once, outside the timing).
- The ratio is scan time / baseline time at 100,000 files (aim: at most 1.5).
- Growth is (time at 100,000 / 100,000) / (time at 10,000 / 10,000): 1.0 is linear.
Times are the best of three, the scan and the baseline alternating so that load from other work
on the machine falls on both alike.
"""

import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from assess.files.questionnaires import find_questionnaire
from assess.scan.engine import rules_of, scan
from assess.scan.git import read_history, tracked_files
from assess.scan.read import read_text
from assess.scan.select import Selector

SIZES = (10_000, 100_000)
RUNS = 3
NOW = datetime(2026, 11, 20, tzinfo=UTC)

MODULE = "import os\n\n\ndef f{n}(x):\n    return os.path.join(x, '{n}')\n"
MANIFEST = "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {n}\n"
WORKFLOW = "on: push\njobs:\n  t:\n    steps:\n      - run: pytest\n"


def generate(root: Path, count: int) -> Path:
    repo = root / f"repo-{count}"
    for n in range(count):
        folder = repo / f"pkg{n // 500}" / f"sub{n % 7}"
        if n % 500 < 7:
            folder.mkdir(parents=True, exist_ok=True)
        kind = n % 100
        if kind == 0:
            (folder / f"deploy-{n}.yaml").write_text(MANIFEST.format(n=n))
        elif kind == 1:
            (folder / "Dockerfile").write_text("FROM python:3.12\nUSER app\n")
        elif kind == 2:
            (folder / f"infra-{n}.tf").write_text('resource "x" "y" {}\n')
        else:
            (folder / f"mod_{n}.py").write_text(MODULE.format(n=n))
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW)
    env = ["-c", "user.name=b", "-c", "user.email=b@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), *env, "commit", "-q", "-m", "gen"], check=True)
    return repo


def selected_for_content(repo: Path) -> list[str]:
    refs = rules_of(find_questionnaire(None, []))
    selector = Selector()
    for i, ref in enumerate(refs):
        if ref.reads:
            for glob in ref.rule.files:
                selector.add(i, glob)
    chosen = selector.select(tracked_files(repo))
    return sorted({path for paths in chosen.values() for path in paths})


def baseline(repo: Path, files: list[str]) -> float:
    start = time.perf_counter()
    tracked_files(repo)
    read_history(repo, NOW)
    for path in files:
        read_text(repo, path)
    return time.perf_counter() - start


def scanned(repo: Path) -> float:
    model = find_questionnaire(None, [])
    start = time.perf_counter()
    scan(model, [repo], NOW)
    return time.perf_counter() - start


def main() -> None:
    results: dict[int, tuple[float, float, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in SIZES:
            repo = generate(Path(tmp), count).resolve()
            files = selected_for_content(repo)
            best_scan = best_base = float("inf")
            for _ in range(RUNS):
                best_base = min(best_base, baseline(repo, files))
                best_scan = min(best_scan, scanned(repo))
            results[count] = (best_scan, best_base, len(files))
    for count, (scan_time, base_time, read) in results.items():
        print(
            f"scan of {count:,} tracked files ({read:,} read for content): {scan_time:.2f} s; "
            f"baseline (git ls-files, git log, reading those files) {base_time:.2f} s; "
            f"ratio {scan_time / base_time:.2f}"
        )
    small, large = SIZES
    growth = (results[large][0] / large) / (results[small][0] / small)
    print(f"scan growth per file from {small:,} to {large:,} files: {growth:.2f} (1.0 = linear)")


if __name__ == "__main__":
    main()
