"""Comparing and listing many teams: time and peak memory at 1,000 and 10,000 teams.

For each size, in fresh processes (so each peak memory is its own):
- baseline: reading every assessment file alone (parse and validate, keep nothing);
- `assess compare DIR` to a terminal table and `--format csv`, as the command runs;
- the start screen's listing (`assess fill`'s context for the folder).
Printed: seconds and the ratio to the baseline's seconds, peak memory (max RSS) and its ratio to
the baseline's; flat memory means the 10,000-team figure is close to the 1,000-team one.
The teams are copies of 40 sample assessments of the bundled default model under new names (the
sample generator is too slow for 10,000), a third of them with an older assessment too.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

SIZES = (1_000, 10_000)
SAMPLES = 40
TODAY = date(2026, 11, 1)


def write_teams(folder: Path, teams: int) -> None:
    """teams teams (and their older assessments) copied from SAMPLES sample assessments."""
    from assess.domain.samples import sample_assessments
    from assess.files.assessments import standard_path, to_json
    from assess.files.questionnaires import find_questionnaire

    questionnaire = find_questionnaire(None, [])
    samples = sample_assessments(questionnaire, SAMPLES, seed=1, today=TODAY)
    texts = [(a, json.loads(to_json(a))) for a in samples]
    n = 0
    while n < teams:
        for assessment, data in texts:
            team = f"{assessment.team} {n // SAMPLES + 1}"
            copy = assessment.model_copy(update={"team": team})
            path = standard_path(folder, copy)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({**data, "team": team}, indent=2), encoding="utf-8")
            if path.name.startswith(TODAY.isoformat()):
                n += 1
                if n == teams:
                    return


def child_read(folder: str) -> None:
    from assess.files.assessments import assessment_files, load_assessment

    for path in assessment_files([Path(folder)]):
        load_assessment(path)


def child_list(folder: str) -> None:
    from assess.cli.fill import fill_context

    fill_context([], None, None, None, None, Path(folder))


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(args)} failed: {process.stderr.read().decode()}")  # type: ignore[union-attr]
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    python = sys.executable
    print(f"bench_load: {os.cpu_count()} cores; wall time and peak memory of one process each")
    print(f"{'teams':>6}  {'what':<28} {'seconds':>8} {'x read':>7} {'peak MB':>8} {'x read':>7}")
    with tempfile.TemporaryDirectory() as temp:
        for teams in SIZES:
            folder = Path(temp) / f"teams-{teams}"
            write_teams(folder, teams)
            cases = {
                "reading the files alone": [python, __file__, "--child", "read", str(folder)],
                "compare, terminal table": [python, "-m", "assess", "compare", str(folder)],
                "compare --format csv": [
                    python,
                    "-m",
                    "assess",
                    "compare",
                    str(folder),
                    "--format",
                    "csv",
                ],
                "start screen listing": [python, __file__, "--child", "list", str(folder)],
            }
            base_s, base_mb = run(cases["reading the files alone"])
            for what, args in cases.items():
                s, mb = (base_s, base_mb) if what.startswith("reading") else run(args)
                ratios = f"{s / base_s:7.2f} {mb:8.0f} {mb / base_mb:7.2f}"
                print(f"{teams:>6}  {what:<28} {s:8.2f} {ratios}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        {"read": child_read, "list": child_list}[sys.argv[2]](sys.argv[3])
    else:
        main()
