"""Time to the first painted question screen of `assess fill`, as a ratio to an empty Textual app.

Both are measured the same way in the same run: a fresh Python process that runs the app
headless and exits right after its first screen is painted; best wall-clock time of several
runs (the least noisy figure on a shared machine). `assess fill` gets --team and
--questionnaire, so it skips the start screen and opens a new assessment in an empty folder.
A generated model of 23 dimensions x 4 questions shows that the size of the model barely
matters (one question is mounted at a time). Parsed models are cached (assess.files.parse_cache)
in a folder of this run: the first run fills it, as a user's first start does, and the best run
is one with the cache filled. Goal: ratio <= 1.6.

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

# Runs every app headless; the bench needs no terminal.
HEADLESS = """
import resource, sys, time
from textual.app import App
def _painted(app):
    # When the first paint is done: the time and the CPU used so far, for the figures that
    # leave the exit out; then the app exits.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print("PAINTED", time.time(), usage.ru_utime + usage.ru_stime, file=sys.stderr, flush=True)
    app.exit()
_run = App.run
def _headless(self, *args, **kwargs):
    kwargs["headless"] = True
    return _run(self, *args, **kwargs)
App.run = _headless
"""

EMPTY_APP = (
    HEADLESS
    + """
class Empty(App):
    def on_mount(self):
        self.call_after_refresh(_painted, self)
Empty().run()
"""
)

ASSESS_FILL = (
    HEADLESS
    + """
import sys, tempfile
# Exit once the question screen has painted. Hooked through Textual, so that nothing of assess
# is imported before its own entry point runs (as when a user types `assess`).
_push = App.push_screen
def _push_screen(self, screen, *args, **kwargs):
    kind = type(screen)
    if kind.__name__ == "QuestionScreen" and not hasattr(kind, "_bench"):
        mount = kind.on_mount
        def _exit_after_first_paint(screen):
            mount(screen)
            screen.call_after_refresh(_painted, screen.app)
        kind.on_mount = _exit_after_first_paint
        kind._bench = True
    return _push(self, screen, *args, **kwargs)
App.push_screen = _push_screen
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
        empty, default, big = best_of(
            [
                [python, "-c", EMPTY_APP],
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
        e, d, b = (getattr(t, kind) * 1000 for t in (empty, default, big))
        print(
            f"tui startup ({kind.removeprefix('paint_')}, {what}): first question {d:.0f} ms "
            f"(default model), empty Textual app {e:.0f} ms, ratio {d / e:.2f} (goal <= 1.6); "
            f"92-question model {b:.0f} ms, ratio {b / e:.2f}"
        )


if __name__ == "__main__":
    main()
