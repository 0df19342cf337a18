"""The gap report as compact Markdown, for wikis and pull requests.

Every text from the model or the assessment goes through `md()` (md_text.py): a team name or a
note shows literally and cannot break a table.
"""

from assess.report.consensus_view import ConsensusView
from assess.report.md_text import md
from assess.report.view import DimensionView, ReportView


def _table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _overview_row(d: DimensionView, points: bool, spread: bool) -> list[str]:
    row = [str(d.number), md(d.title)]
    if points:
        row.append(md(d.points))
    score = md(d.score) + (f" ({md(d.answered_mark)})" if d.answered_mark else "")
    row = [*row, score, md(d.level), d.target, md(d.gap)]
    if spread:
        row.append(md(d.spread.range) if d.spread and d.spread.range and not d.not_scored else "–")
    return row


def _disagreements(c: ConsensusView) -> list[str]:
    """'Where the team disagrees': each flagged question with what every respondent chose."""
    lines = [
        "## Where the team disagrees",
        "",
        f"{c.respondents} respondents answered: {md(c.who)}. The team's answer is the lower "
        "median of theirs unless the team agreed on one. Questions whose answers are two "
        "levels or more apart, widest first, as points to talk through:",
        "",
    ]
    if not c.disagreements:
        lines += ["None: no question has answers two levels or more apart.", ""]
    for p in c.disagreements:
        lines += [
            f"### {p.number}. {md(p.question)}",
            "",
            f"{md(p.dimension)} · question {p.question_number} · answers span {md(p.range)}",
            "",
        ]
        for choice in p.choices:
            worth = f" ({md(choice.worth)})" if choice.worth else ""
            lines.append(f"- {md(choice.text)}{worth}: {'█' * choice.count} {choice.count}")
        if p.others:
            lines.append(f"- Also: {md(p.others)}")
        source = f" ({md(p.answer_source)})" if p.answer_source else ""
        reopened = (
            " **Reopened**: the respondents' answers changed since it was agreed."
            if p.reopened
            else ""
        )
        lines += ["", f"Team's answer: **{md(p.answer)}**{source}.{reopened}"]
        if p.agreed_note:
            lines += ["", f"Agreed: {md(p.agreed_note)}"]
        lines.append("")
    return lines


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
        lines += [f"  - Found: {md(line)}" for line in a.found]
        if a.discussion:
            lines.append(f"  - Respondents disagree: discussion point {a.discussion}")
    lines.append("")
    return lines


def _claims(r: ReportView) -> list[str]:
    """The answers a scan of the team's repositories contradicts or whose suggestion was
    declined, as in the PDF's 'Claims to check'."""
    lines = ["## Claims to check", ""]
    if not r.claims:
        return [*lines, "None: every answer with a suggestion agrees with it.", ""]
    for c in r.claims:
        why = "claims more than the files show" if c.kind == "contradicted" else "declined"
        lines.append(
            f"- {md(c.question)}: answered {md(c.answered)}, the files suggest "
            f"{md(c.suggested)} ({why})"
        )
        lines += [f"  - {md(line)}" for line in c.evidence]
    return [*lines, ""]


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
    if r.consensus:
        lines.append(
            f"- Consolidated from {r.consensus.respondents} respondents ({md(r.consensus.who)}): "
            f"{md(r.consensus.agreement)}; {r.consensus.flagged} questions to discuss"
        )
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
    spread = r.consensus is not None
    if spread:
        header.append("Respondents' range")
        right.add(len(header) - 1)
    rows = [_overview_row(d, points, spread) for d in r.dimensions]
    lines += [*_table(header, rows, right), ""]
    lines += ["## Answers", ""]
    for d in r.dimensions:
        lines += _answers(d)
    if r.consensus:
        lines += _disagreements(r.consensus)
    if r.scanned:
        lines += _claims(r)
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
