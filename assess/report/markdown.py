"""The gap report as compact Markdown, for wikis and pull requests.

Every text from the model or the assessment goes through `md()` (md_text.py): a team name or a
note shows literally and cannot break a table.
"""

from assess.report.md_text import md
from assess.report.view import DimensionView, ReportView


def _table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _overview_row(d: DimensionView, points: bool) -> list[str]:
    row = [str(d.number), md(d.title)]
    if points:
        row.append(md(d.points))
    score = md(d.score) + (f" ({md(d.answered_mark)})" if d.answered_mark else "")
    return [*row, score, md(d.level), d.target, md(d.gap)]


def _answers(d: DimensionView) -> list[str]:
    """Every answer of a dimension with its note, evidence and source."""
    lines = [f"### {d.number}. {md(d.title)}", ""]
    if d.not_scored:
        lines += [f"*{md(d.not_scored_text)}*", ""]
    for a in d.answers:
        worth = f" ({md(a.worth)})" if a.worth else ""
        answer = md(a.answer) if a.status == "answered" else f"*{md(a.answer)}*"
        lines.append(f"- **{a.number}** {md(a.question)}: {answer}{worth}")
        if a.note:
            lines.append(f"  - Note: {md(a.note)}")
        if a.evidence:
            lines.append(f"  - Evidence: {md(a.evidence)}")
        if a.source:
            lines.append(f"  - Source: {md(a.source)}")
    lines.append("")
    return lines


def gap_report_markdown(r: ReportView) -> str:
    lines = [
        f"# {md(r.title)}",
        "",
        f"{md(r.model_title)} (version {md(r.model_version)}) · assessed {r.assessed_on} by "
        f"{md(r.assessors)} · generated {r.generated_on}",
        "",
    ]
    if r.draft:
        lines += [f"> **{md(r.draft_text)}**", ""]
    lines += [
        "## Summary",
        "",
        f"- **{r.overall_label}: {md(r.overall)}** {md(r.overall_scale)}, {md(r.overall_level)}"
        + (f" (resting on {md(r.overall_mark)})" if r.overall_mark else ""),
    ]
    if r.ml_test:
        lines.append(f"- Band: {md(r.ml_test.band)}")
        if r.ml_test.unscored:
            lines.append(f"- {md(r.ml_test.unscored)}")
    lines.append(f"- {md(r.below_target)}")
    if r.dora:
        lines.append(f"- DORA cluster: {md(r.dora.summary)} ({md(r.dora.source)})")
    c = r.completeness
    lines += [
        f"- Completeness: {c.percent} of {c.total} questions answered ({c.dont_know} don't "
        f"know, {c.not_applicable} not applicable, {c.unanswered} unanswered)",
        "",
        "## Overview",
        "",
    ]
    points = r.ml_test is not None
    header = ["#", "Dimension", *(["Points"] if points else []), "Score", "Level", "Target", "Gap"]
    right = {0, 2, 3, 5, 6} if points else {0, 2, 4, 5}
    rows = [_overview_row(d, points) for d in r.dimensions]
    lines += [*_table(header, rows, right), ""]
    lines += ["## Answers", ""]
    for d in r.dimensions:
        lines += _answers(d)
    lines += ["## Roadmap", "", md(r.phase_rule), ""]
    for phase in r.phases:
        lines += [f"### {md(phase.name)}", ""]
        for step in phase.steps:
            check = f" {md(step.check)}" if step.check else ""
            lines.append(
                f"- [ ] **{md(step.dimension)}**: {md(step.move)}. {md(step.recommendation)}"
                f"{check} (owner: {md(step.owner)}, priority {md(step.priority)})"
            )
        lines.append("")
    if not r.phases:
        lines += ["Nothing to plan: no dimension is below its target.", ""]
    if r.unanswered:
        lines += ["## Unanswered questions", ""]
        lines += [f"- {md(item.dimension)}: {md(item.question)}" for item in r.unanswered]
        lines.append("")
    return "\n".join(lines)
