"""Team comparison: PDF cost against bare WeasyPrint, growth with teams, 500-team table time.

For 10, 50 and 100 sample teams on the bundled default model (expanded to 23 dimensions by
cloning when it has fewer, so the figures are for the full model's size):
- compare-PDF time (read the assessment files, compare, build the HTML, render with the safe
  fetcher, write atomically) as a ratio to bare WeasyPrint writing the same HTML;
- peak memory (max RSS) as a ratio to bare WeasyPrint's;
- growth per team: (time at 50 / 50) / (time at 10 / 10) and 100 vs 50, for time and for memory
  above an interpreter that has imported the same modules (1.0 = linear).
Each measurement runs in a fresh process so that peak memory is its own, and times are the
process's CPU time; the time ratio is the median over four compare/bare pairs run back to back
(so both runs of a pair see about the same load on a shared machine), the other figures the
best of four.
Then the terminal heat map of 500 teams (wall time): from files, and from loaded assessments.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

TEAMS = (10, 50, 100)
REPEATS = 4
TODAY = date(2026, 11, 1)
DIMENSIONS = 23


def expanded_model(folder: Path) -> Path:
    """The bundled default model, with dimensions cloned until it has DIMENSIONS of them."""
    import yaml

    from assess.files.questionnaires import resolve

    data: dict[str, Any] = yaml.safe_load(resolve(None, []).read_text(encoding="utf-8"))
    dims = [d for area in data["areas"] for d in area["dimensions"]]
    n = 0
    while sum(len(area["dimensions"]) for area in data["areas"]) < DIMENSIONS:
        clone = json.loads(json.dumps(dims[n % len(dims)]))
        clone["id"] = f"clone{n}-{clone['id']}"
        clone["title"] = f"{clone['title']} (copy {n + 1})"
        for question in clone["questions"]:
            question["id"] = f"clone{n}-{question['id']}"
            question.pop("dora", None)
            for choice in question["choices"]:
                choice.pop("dora_value", None)
        data["areas"][n % len(data["areas"])]["dimensions"].append(clone)
        n += 1
    path = folder / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def write_samples(model: Path, teams: int, out: Path) -> None:
    from assess.domain.samples import sample_assessments
    from assess.files.assessments import save_assessment, standard_path
    from assess.files.questionnaires import load_questionnaire

    questionnaire = load_questionnaire(model)
    for assessment in sample_assessments(questionnaire, teams, seed=1, today=TODAY):
        save_assessment(assessment, standard_path(out, assessment))


# --- child processes -------------------------------------------------------------------------


def child(mode: str, models: str, folder: str, html_path: str, pdf_path: str) -> None:
    """One measurement; prints seconds and max RSS (KiB) as JSON."""
    import resource

    import weasyprint

    from assess.bundled import templates_dir
    from assess.cli.compare import _build_comparison
    from assess.report.compare_document import comparison_html
    from assess.report.render import render_pdf

    seconds = own = 0.0
    if mode == "compare":
        start = time.process_time()
        # As the command does: the assessments are freed once compared.
        comparison, _ = _build_comparison((Path(folder),), None, False, (Path(models),))
        html = comparison_html(comparison)
        own = time.process_time() - start
        render_pdf(html, Path(pdf_path))  # what write_comparison does, keeping the HTML
        seconds = time.process_time() - start
        Path(html_path).write_text(html, encoding="utf-8")
    elif mode == "bare":
        html = Path(html_path).read_text(encoding="utf-8")
        start = time.process_time()
        weasyprint.HTML(string=html, base_url=templates_dir().resolve().as_uri() + "/").write_pdf(
            pdf_path
        )
        seconds = time.process_time() - start
    # mode "imports": the interpreter with the same modules loaded, for the memory baseline.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "own": own, "rss": rss}))


def measure(mode: str, models: Path, folder: Path, html: Path, pdf: Path) -> dict[str, float]:
    args = [
        sys.executable,
        __file__,
        "--child",
        mode,
        str(models),
        str(folder),
        str(html),
        str(pdf),
    ]
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


# --- the 500-team table ----------------------------------------------------------------------


def table_500(models: Path, folder: Path) -> None:
    import io

    from rich.console import Console

    from assess.cli.compare import _build_comparison
    from assess.files.assessments import assessment_files, load_assessment
    from assess.report.compare_table import heat_map

    files = list(assessment_files([folder]))
    start = time.perf_counter()
    for path in files:
        load_assessment(path)
    reading = time.perf_counter() - start

    start = time.perf_counter()
    # Read, scored and dropped one at a time, as the command does.
    comparison, _ = _build_comparison((folder,), None, False, (models,))
    compared = time.perf_counter()
    console = Console(file=io.StringIO(), width=80, force_terminal=True)
    console.print(heat_map(comparison, 80))
    end = time.perf_counter()
    print(
        f"500 teams ({len(files)} assessment files) to the terminal table: {end - start:.2f} s "
        f"= {(end - start) / reading:.2f} x reading the files alone ({reading:.2f} s)"
    )
    print(
        f"  of which reading and comparing {compared - start:.2f} s, table {end - compared:.2f} s"
    )
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "assess", "compare", "--questionnaires", str(models), str(folder)],
        capture_output=True,
        check=True,
    )
    print(
        f"  `assess compare` as a command, start-up included: {time.perf_counter() - start:.2f} s"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        models = root / "models"
        models.mkdir()
        model = expanded_model(models)
        cores = os.cpu_count()
        print(f"bench_compare: model '{model.stem}' with {DIMENSIONS} dimensions, {cores} cores")
        folders = {}
        for teams in TEAMS:
            folders[teams] = root / f"teams-{teams}"
            write_samples(model, teams, folders[teams])
        baseline = measure("imports", models, folders[10], root / "x.html", root / "x.pdf")
        best: dict[tuple[str, int], dict[str, float]] = {}
        ratios: dict[int, list[float]] = {teams: [] for teams in TEAMS}
        for teams in TEAMS:
            # A first compare run writes the HTML the bare runs render (and warms the caches).
            measure("compare", models, folders[teams], root / f"{teams}.html", root / "x.pdf")
        for repeat in range(REPEATS):
            for teams in TEAMS:
                html, pdf = root / f"{teams}.html", root / f"{teams}.pdf"
                # Run back to back, in alternating order, a pair sees about the same load on a
                # shared machine, so its ratio is the figure.
                pair = {}
                for mode in ("compare", "bare") if repeat % 2 == 0 else ("bare", "compare"):
                    figures = measure(mode, models, folders[teams], html, pdf)
                    pair[mode] = figures
                    key = (mode, teams)
                    if key not in best:
                        best[key] = figures
                    best[key] = {k: min(v, best[key][k]) for k, v in figures.items()}
                ratios[teams].append(pair["compare"]["seconds"] / pair["bare"]["seconds"])
        base_rss = baseline["rss"]
        print(
            "teams  compare-PDF  bare WeasyPrint  time ratio (median of pairs)  peak-memory ratio"
        )
        for teams in TEAMS:
            c, b = best[("compare", teams)], best[("bare", teams)]
            print(
                f"{teams:5d}  {c['seconds']:9.2f} s  {b['seconds']:13.2f} s  "
                f"{statistics.median(ratios[teams]):27.3f}  {c['rss'] / b['rss']:17.3f}"
            )
        print(
            "(CPU seconds, best of four; pairs: "
            + "; ".join(f"{t}: " + ", ".join(f"{r:.2f}" for r in ratios[t]) for t in TEAMS)
            + ")"
        )
        own = ", ".join(
            f"{t} teams {best[('compare', t)]['own']:.2f} s "
            f"({100 * best[('compare', t)]['own'] / best[('bare', t)]['seconds']:.1f}%)"
            for t in TEAMS
        )
        print(f"own work before WeasyPrint (files, comparing, HTML) vs bare WeasyPrint: {own}")
        for small, large in ((10, 50), (50, 100)):
            c_small, c_large = best[("compare", small)], best[("compare", large)]
            time_growth = (c_large["seconds"] / large) / (c_small["seconds"] / small)
            memory_growth = ((c_large["rss"] - base_rss) / large) / (
                (c_small["rss"] - base_rss) / small
            )
            print(
                f"growth per team {large}/{small}: time {time_growth:.2f}, "
                f"memory {memory_growth:.2f} (1.0 = linear; below 1: fixed costs spread out)"
            )
        folder = root / "teams-500"
        write_samples(model, 500, folder)
        table_500(models, folder)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:7])
    else:
        main()
