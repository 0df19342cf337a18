"""How much the gap report costs beyond WeasyPrint itself, for the default model.

Prints, measured in this run:
- `assess report` whole-process time as a ratio to a fresh process that imports the same
  libraries and renders the same final HTML with bare WeasyPrint (aim: at most 1.10);
- our own share (importing our modules, which builds the pydantic models; loading, scoring,
  view, charts, templating) of the in-process CPU time (aim < 5%);
- the peak memory of an `assess report` process;
- the cost of --accessible (tagged PDF/UA-1) as a ratio to the untagged render.

Usage: bench_report.py [QUESTIONNAIRE] (an id or a YAML path; the default model when omitted).
"""

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

RUNS = 5

STAGES = """
import json, sys, time
from datetime import date
from pathlib import Path
import click, jinja2, weasyprint, yaml  # libraries: not our share
from pydantic import BaseModel

t = time.process_time()
from assess.files.assessments import load_assessment
from assess.files.questionnaires import find_questionnaire
from assess.domain.scoring import score
from assess.report.view import gap_report_view
from assess.report.gap_report import gap_report_html
from assess.report.render import render_pdf

t0 = time.process_time()
assessment = load_assessment(Path(sys.argv[1]))
questionnaire = find_questionnaire(assessment.questionnaire, [Path(p) for p in sys.argv[4:]])
t1 = time.process_time()
card = score(questionnaire, assessment)
view = gap_report_view(questionnaire, assessment, card, date.fromisoformat(sys.argv[3]))
t2 = time.process_time()
html = gap_report_html(view)
t3 = time.process_time()
render_pdf(html, Path(sys.argv[2]))
t4 = time.process_time()
Path(sys.argv[2]).with_suffix(".html").write_text(html)
print(json.dumps({"import_ours": t0 - t, "load": t1 - t0, "score_view_charts": t2 - t1,
                  "template": t3 - t2, "weasyprint": t4 - t3}))
"""

BARE = """
import sys
from pathlib import Path
import click, jinja2, weasyprint, yaml  # the same libraries as `assess report`
from pydantic import BaseModel
from weasyprint import HTML
html = Path(sys.argv[1]).read_text()
HTML(string=html, base_url=sys.argv[3]).write_pdf(sys.argv[2])
"""


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one process. The machine may be shared, so the
    ratios use CPU time, which other processes disturb far less than wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def best_of_interleaved(*commands: list[str]) -> list[tuple[float, float]]:
    """The best wall and CPU time of each command, run in turns so that load from other
    processes on the machine hits them alike."""
    times: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(RUNS):
        for i, command in enumerate(commands):
            times[i].append(timed(command))
    return [(min(w for w, _ in t), min(c for _, c in t)) for t in times]


def main() -> None:
    from assess.bundled import templates_dir
    from assess.domain.samples import sample_assessments
    from assess.files.assessments import save_assessment
    from assess.files.questionnaires import find_questionnaire

    python = sys.executable
    today = date.today().isoformat()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        wanted = sys.argv[1] if len(sys.argv) > 1 else None
        questionnaire = find_questionnaire(wanted, [])
        sample = next(
            a
            for a in sample_assessments(questionnaire, 3, 1, date.today())
            if a.status == "complete"
        )
        source = work / "assessment.json"
        save_assessment(sample, source)
        # The questionnaire's folder, so that a model given by path is found again by its id.
        folder_option = ["--questionnaires", str(Path(wanted).parent)] if wanted else []
        # --force: every run after the first replaces the PDF the one before wrote.
        assess = [python, "-m", "assess", "report", "--force", str(source), *folder_option]

        # Peak memory first: RUSAGE_CHILDREN keeps the largest child seen so far.
        timed([*assess, "-o", str(work / "report.pdf")])
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        stages = []
        for _ in range(RUNS):
            out = subprocess.run(
                [
                    python,
                    "-c",
                    STAGES,
                    str(source),
                    str(work / "stages.pdf"),
                    today,
                    *folder_option[1:],
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            stages.append(json.loads(out))
        base_url = templates_dir().resolve().as_uri() + "/"
        bare = [python, "-c", BARE, str(work / "stages.html"), str(work / "bare.pdf"), base_url]
        report, bare_run, accessible = best_of_interleaved(
            [*assess, "-o", str(work / "report.pdf")],
            bare,
            [*assess, "-o", str(work / "tagged.pdf"), "--accessible"],
        )

    dimensions = sum(1 for _ in questionnaire.dimensions())
    own = statistics.median(sum(v for k, v in s.items() if k != "weasyprint") for s in stages)
    total = statistics.median(sum(s.values()) for s in stages)
    name = "default model" if wanted is None else questionnaire.id
    print(f"bench_report: {name} ({dimensions} dimensions), best of {RUNS} runs")
    print("                              wall     CPU")
    print(f"  assess report process      {report[0]:6.2f} s {report[1]:6.2f} s")
    print(f"  bare WeasyPrint process    {bare_run[0]:6.2f} s {bare_run[1]:6.2f} s")
    print(
        f"  ratio report / bare        {report[0] / bare_run[0]:6.2f}   "
        f"{report[1] / bare_run[1]:6.2f}     (aim <= 1.10, CPU)"
    )
    print(
        f"  own share                  {100 * own / total:6.1f} %  "
        f"({1000 * own:.0f} ms of {1000 * total:.0f} ms in-process; aim < 5%)"
    )
    for name in ("import_ours", "load", "score_view_charts", "template", "weasyprint"):
        print(f"    {name:<22} {1000 * statistics.median(s[name] for s in stages):7.0f} ms")
    print(f"  peak memory (report)       {peak_mb:6.0f} MB")
    print(
        f"  --accessible / untagged    {accessible[0] / report[0]:6.2f}   "
        f"{accessible[1] / report[1]:6.2f}"
    )


if __name__ == "__main__":
    main()
