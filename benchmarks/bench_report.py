"""How much the gap report costs beyond WeasyPrint itself, for the default model.

Prints, measured in this run:
- `assess report` whole-process time as a ratio to a fresh process that imports the same
  libraries and renders the same final HTML with bare WeasyPrint (aim: at most 1.10);
- our own share (importing our modules, which builds the pydantic models; loading, scoring,
  view, charts, templating) of the in-process total (aim < 5%);
- the peak memory of an `assess report` process;
- the cost of --accessible (tagged PDF/UA-1) as a ratio to the untagged render.
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

t = time.perf_counter()
from assess.files.assessments import load_assessment
from assess.files.questionnaires import find_questionnaire
from assess.domain.scoring import score
from assess.report.view import gap_report_view
from assess.report.gap_report import gap_report_html
from assess.report.render import render_pdf

t0 = time.perf_counter()
assessment = load_assessment(Path(sys.argv[1]))
questionnaire = find_questionnaire(assessment.questionnaire, [])
t1 = time.perf_counter()
card = score(questionnaire, assessment)
view = gap_report_view(questionnaire, assessment, card, date.fromisoformat(sys.argv[3]))
t2 = time.perf_counter()
html = gap_report_html(view)
t3 = time.perf_counter()
render_pdf(html, Path(sys.argv[2]))
t4 = time.perf_counter()
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


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def best_of_interleaved(*commands: list[str]) -> list[float]:
    """The best time of each command, run in turns so that load from other processes on the
    machine hits them alike."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(RUNS):
        for i, command in enumerate(commands):
            times[i].append(timed(command))
    return [min(t) for t in times]


def main() -> None:
    from assess.bundled import templates_dir
    from assess.domain.samples import sample_assessments
    from assess.files.assessments import save_assessment
    from assess.files.questionnaires import find_questionnaire

    python = sys.executable
    today = date.today().isoformat()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        questionnaire = find_questionnaire(None, [])
        sample = next(
            a
            for a in sample_assessments(questionnaire, 3, 1, date.today())
            if a.status == "complete"
        )
        source = work / "assessment.yaml"
        save_assessment(sample, source)
        assess = [python, "-m", "assess", "report", str(source)]

        # Peak memory first: RUSAGE_CHILDREN keeps the largest child seen so far.
        timed([*assess, "-o", str(work / "report.pdf")])
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        stages = []
        for _ in range(RUNS):
            out = subprocess.run(
                [python, "-c", STAGES, str(source), str(work / "stages.pdf"), today],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            stages.append(json.loads(out))
        base_url = templates_dir().resolve().as_uri() + "/"
        bare = [python, "-c", BARE, str(work / "stages.html"), str(work / "bare.pdf"), base_url]
        report_time, bare_time, accessible_time = best_of_interleaved(
            [*assess, "-o", str(work / "report.pdf")],
            bare,
            [*assess, "-o", str(work / "tagged.pdf"), "--accessible"],
        )

    dimensions = sum(1 for _ in questionnaire.dimensions())
    own = statistics.median(sum(v for k, v in s.items() if k != "weasyprint") for s in stages)
    total = statistics.median(sum(s.values()) for s in stages)
    print(f"bench_report: default model ({dimensions} dimensions), best of {RUNS} runs")
    print(f"  assess report process      {report_time:6.2f} s")
    print(f"  bare WeasyPrint process    {bare_time:6.2f} s")
    print(f"  ratio report / bare        {report_time / bare_time:6.2f}   (aim <= 1.10)")
    print(
        f"  own share                  {100 * own / total:6.1f} %  "
        f"({1000 * own:.0f} ms of {1000 * total:.0f} ms in-process; aim < 5%)"
    )
    for name in ("import_ours", "load", "score_view_charts", "template", "weasyprint"):
        print(f"    {name:<22} {1000 * statistics.median(s[name] for s in stages):7.0f} ms")
    print(f"  peak memory (report)       {peak_mb:6.0f} MB")
    print(f"  --accessible / untagged    {accessible_time / report_time:6.2f}")


if __name__ == "__main__":
    main()
