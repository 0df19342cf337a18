"""Time to the first painted question screen of `assess fill`, as a ratio to an empty Textual app.

Both are measured the same way in the same run: a fresh Python process that runs the app
headless at 80x24 and exits right after Textual draws the first frame that shows what the app
is there to show: for `assess fill`, the question with its answers laid out, for the empty app
its first frame; best wall-clock time of several runs (the least noisy figure on a shared
machine). `assess fill` gets --team and --questionnaire, so it skips the start screen and opens
a new assessment in an empty folder. A generated model of 23 dimensions x 4 questions shows
that the size of the model barely matters (one question is mounted at a time). Parsed models
are cached (assess.files.parse_cache) in a folder of this run: the first run fills it, as a
user's first start does, and the best run is one with the cache filled. Goal: ratio <= 1.6.

A further command validates the default model as `assess fill` does and then paints an empty
Textual app: the share of the goal that validating the model before the first paint takes on
its own (about 1.54 in instructions), which leaves the rest of the start almost nothing.

Two figures each, wall and CPU: the whole process, to its exit after the first paint, and the
time to the end of the first paint alone, the exit left out (each child prints the time and its
CPU time at that moment).

Compiled bytecode is kept in a folder of this run too, and written even where
PYTHONDONTWRITEBYTECODE is set: an installed assess has its modules compiled (pip does it), as
Textual has, and without this each run of `assess fill` would compile assess's modules again
while the empty app's Textual is already compiled.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

RUNS = 20

# Runs every app headless (the bench needs no terminal) and notes the end of the first paint
# that shows what the app is there to show (`_complete`): the time and the CPU used so far,
# for the figures that leave the exit out; then the app exits.
HEADLESS = """
import resource, sys, time
from textual.app import App
_run = App.run
def _headless(self, *args, **kwargs):
    kwargs["headless"] = True
    return _run(self, *args, **kwargs)
App.run = _headless
_display = App._display
def _display_and_check(self, screen, update):
    _display(self, screen, update)
    if update is not None and not self._batch_count and not hasattr(self, "_bench_painted"):
        if _complete(screen):
            self._bench_painted = True
            usage = resource.getrusage(resource.RUSAGE_SELF)
            cpu = usage.ru_utime + usage.ru_stime
            print("PAINTED", time.time(), cpu, file=sys.stderr, flush=True)
            self.exit()
App._display = _display_and_check
"""

EMPTY_APP = (
    HEADLESS
    + """
def _complete(screen):
    return True
App().run()
"""
)

# What no first question can do without: the model read and validated as `assess fill` reads
# it, then an empty Textual app painted. Its ratio is the part of the goal taken before the
# command line, the assessment file and the question screen get anything.
VALIDATED_THEN_EMPTY = (
    HEADLESS
    + """
def _complete(screen):
    return True
from assess.files.questionnaires import load_questionnaire, resolve
load_questionnaire(resolve(None, []), rules=False)
App().run()
"""
)

ASSESS_FILL = (
    HEADLESS
    + """
import sys, tempfile
# The question with its answers laid out: a frame painted before them is not a question a user
# can answer. Checked through Textual, so that nothing of assess is imported before its own
# entry point runs (as when a user types `assess`).
def _complete(screen):
    if type(screen).__name__ != "QuestionScreen":
        return False
    choices = screen.query_one("#choices")
    return bool(choices.option_count and choices.size.height)
from assess.cli import main
folder = tempfile.mkdtemp()
sys.argv = ["assess", "fill", "--team", "Bench", "--dir", folder, *sys.argv[1:]]
main()
"""
)


@dataclass(frozen=True)
class Timing:
    wall: float
    """Best wall-clock seconds."""
    cpu: float
    """Best CPU seconds (user + system) of the child: steadier when other work shares the cores."""
    paint_wall: float
    """Best wall-clock seconds from the launch to the end of the first paint (the exit left out)."""
    paint_cpu: float
    """Best CPU seconds of the child up to the end of its first paint."""


def once(command: list[str]) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    launched = time.time()
    start = time.perf_counter()
    done = subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    painted = next(
        line.split() for line in done.stderr.decode().splitlines() if line.startswith("PAINTED")
    )
    return Timing(
        wall,
        after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
        float(painted[1]) - launched,
        float(painted[2]),
    )


def best_of(commands: list[list[str]]) -> list[Timing]:
    """The best run of each command; runs are interleaved so that load from other work on the
    machine falls on all of them alike."""
    runs: list[list[Timing]] = [[] for _ in commands]
    for _ in range(RUNS):
        for command, timings in zip(commands, runs, strict=True):
            timings.append(once(command))
    return [
        Timing(
            min(t.wall for t in ts),
            min(t.cpu for t in ts),
            min(t.paint_wall for t in ts),
            min(t.paint_cpu for t in ts),
        )
        for ts in runs
    ]


def big_model(folder: Path, dimensions: int = 23, questions: int = 4) -> Path:
    """A questionnaire the size of the full default bank, in the YAML format."""
    levels = "\n".join(
        f"  - {{level: {n}, name: L{n}, description: Level {n}.}}" for n in range(1, 6)
    )
    lines = [
        "id: big",
        "title: Big generated model",
        'version: "1"',
        "levels:",
        levels,
        "areas:",
    ]
    for area in range(3):
        lines += [f"  - id: area-{area}", f"    title: Area {area}", "    dimensions:"]
        for d in range(area, dimensions, 3):
            lines += [
                f"      - id: dim-{d}",
                f"        title: Dimension number {d}",
                "        levels: {1: a., 2: b., 3: c., 4: d., 5: e.}",
                "        recommendations: {1: a., 2: b., 3: c., 4: d.}",
                "        questions:",
            ]
            for q in range(questions):
                lines += [
                    f"          - id: q-{d}-{q}",
                    f"            text: Question {q} of dimension {d}, a sentence of some length?",
                    "            help: What the question means and how to pick an answer.",
                    "            evidence: [a file, a dashboard]",
                    "            choices:",
                    *(f"              - {{text: Answer {c}, level: {c}}}" for c in (1, 2, 3, 5)),
                ]
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ASSESS_CACHE"] = str(Path(folder) / "cache")
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "bytecode")
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        # An 80x24 terminal, as both Rich and Textual's headless driver read it: with no size
        # given they disagree (80x25 and 80x24), and every app would be laid out twice.
        os.environ["COLUMNS"], os.environ["LINES"] = "80", "24"
        empty, floor, default, big = best_of(
            [
                [python, "-c", EMPTY_APP],
                [python, "-c", VALIDATED_THEN_EMPTY],
                [python, "-c", ASSESS_FILL, "--questionnaire", "devops-mlops"],
                [python, "-c", ASSESS_FILL, "--questionnaire", str(big_model(Path(folder)))],
            ]
        )
    for kind, what in (
        ("wall", "to the exit after the first paint"),
        ("cpu", "to the exit after the first paint"),
        ("paint_wall", "to the end of the first paint, exit left out"),
        ("paint_cpu", "to the end of the first paint, exit left out"),
    ):
        e, f, d, b = (getattr(t, kind) * 1000 for t in (empty, floor, default, big))
        print(
            f"tui startup ({kind.removeprefix('paint_')}, {what}): first question {d:.0f} ms "
            f"(default model), empty Textual app {e:.0f} ms, ratio {d / e:.2f} (goal <= 1.6); "
            f"92-question model {b:.0f} ms, ratio {b / e:.2f}; "
            f"default model validated, then an empty app: ratio {f / e:.2f}"
        )


if __name__ == "__main__":
    main()
