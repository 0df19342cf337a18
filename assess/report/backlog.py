"""The roadmap as backlog items: Jira's CSV import, a generic CSV (Azure DevOps Boards and other
trackers), a Markdown task list, JSON.

Every format carries the step's id, so a second import next quarter can update the items of the
first instead of duplicating them, and empty owner, effort and due fields for people to fill in.
"""

import csv
import io
import json
from fractions import Fraction
from typing import Final, Literal

from assess.csv_cells import csv_row
from assess.domain.roadmap import Roadmap, RoadmapStep
from assess.report.md_text import md
from assess.report.roadmap_view import OWNERS, phase_name, priority_figure

BacklogFormat = Literal["jira", "csv", "md", "json"]
JSON_FORMAT: Final = "assess-roadmap/1"

# Gap × dimension weight to the names Jira ships with (and 1-4 for Azure DevOps). A gap of two
# levels in a dimension of normal weight is High.
PRIORITY_BANDS: Final = ((3, "Highest", 1), (2, "High", 2), (1, "Medium", 3))
LOWEST = ("Low", 4)

JIRA_STATUS: Final = {"new": "To Do", "open": "To Do", "done": "Done", "dropped": "Dropped"}
GENERIC_STATE: Final = {"new": "New", "open": "New", "done": "Done", "dropped": "Removed"}

JIRA_COLUMNS: Final = [
    "Summary",
    "Issue Type",
    "Description",
    "Priority",
    "Labels",
    "Labels",
    "Labels",
    "Labels",
    "Status",
    "External ID",
    "Assignee",
    "Original Estimate",
    "Due Date",
]
GENERIC_COLUMNS: Final = [
    "Work Item Type",
    "Title",
    "Description",
    "State",
    "Priority",
    "Tags",
    "Assigned To",
    "Effort",
    "Due Date",
    "Owner",
    "Phase",
    "Team",
    "Dimension",
    "From Level",
    "To Level",
    "External ID",
]


def priority_name(priority: Fraction) -> tuple[str, int]:
    """Jira's priority name and Azure DevOps' number for a step's priority (gap × weight)."""
    for lower, name, number in PRIORITY_BANDS:
        if priority >= lower:
            return name, number
    return LOWEST


def description(step: RoadmapStep) -> str:
    lines = [step.recommendation]
    if len({action.owner for action in step.actions}) > 1:
        # Mixed owners: say who does which action.
        lines = [f"- {action.text} ({OWNERS[action.owner]})" for action in step.actions]
    if step.check:
        lines += ["", step.check]
    lines += [
        "",
        f"Team: {step.team}. Dimension: {step.dimension_title}. {phase_name(step.phase)}.",
        f"Owner: {OWNERS[step.owner]}. Priority: {priority_figure(step.priority)} "
        "(gap × dimension weight).",
        f"Step id: {step.id}",
    ]
    return "\n".join(lines)


def _labels(step: RoadmapStep) -> list[str]:
    return ["assess", step.dimension, f"phase-{step.phase}", f"owner-{step.owner}"]


def _csv(header: list[str], rows: list[list[str]]) -> str:
    """Every cell through the shared formula guard (csv_cells); Jira's repeated 'Labels' header
    rules out the shared mapping-based writer."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(csv_row(header))
    writer.writerows(csv_row(row) for row in rows)
    return out.getvalue()


def to_jira_csv(roadmap: Roadmap) -> str:
    """Columns Jira's CSV importer maps directly; 'Labels' repeats, one label per column."""
    rows = [
        [
            step.summary,
            "Task",
            description(step),
            priority_name(step.priority)[0],
            *_labels(step),
            JIRA_STATUS[step.status],
            step.id,
            "",
            "",
            "",
        ]
        for step in roadmap.steps
    ]
    return _csv(JIRA_COLUMNS, rows)


def to_generic_csv(roadmap: Roadmap) -> str:
    rows = [
        [
            "Task",
            step.summary,
            description(step),
            GENERIC_STATE[step.status],
            str(priority_name(step.priority)[1]),
            "; ".join(_labels(step)),
            "",
            "",
            "",
            OWNERS[step.owner],
            str(step.phase),
            step.team,
            step.dimension_title,
            "" if step.from_level is None else str(step.from_level),
            "" if step.to_level is None else str(step.to_level),
            step.id,
        ]
        for step in roadmap.steps
    ]
    return _csv(GENERIC_COLUMNS, rows)


def to_markdown(roadmap: Roadmap) -> str:
    lines = [f"# Roadmap: {md(roadmap.team)}", "", md(roadmap.rule), ""]
    for number in range(1, roadmap.phases + 1):
        lines += [f"## {md(phase_name(number))}", ""]
        lines += [_task(step) for step in roadmap.phase(number)]
        lines.append("")
    if roadmap.closed:
        lines += ["## Since the last roadmap", ""]
        lines += [_task(step) for step in roadmap.closed]
        lines.append("")
    if not roadmap.steps:
        lines += ["Nothing to plan: no dimension is below its target.", ""]
    return "\n".join(lines)


def _task(step: RoadmapStep) -> str:
    box = "x" if step.status == "done" else " "
    mark = {"new": " (new)", "dropped": " (dropped: no longer planned)"}.get(step.status, "")
    check = f" {md(step.check)}" if step.check else ""
    return (
        f"- [{box}] **{md(step.summary)}**{mark}: {md(step.recommendation)}{check}\n"
        f"  Owner: {OWNERS[step.owner]} · priority {priority_figure(step.priority)} · "
        f"who: · effort: · due: · id `{step.id}`"
    )


def to_json(roadmap: Roadmap) -> str:
    steps = []
    for step in roadmap.steps:
        data = step.model_dump(mode="json")
        data["priority"] = float(step.priority)
        data["gap"] = float(step.gap)
        data.update(assignee=None, effort=None, due=None)
        steps.append(data)
    document = {
        "format": JSON_FORMAT,
        "team": roadmap.team,
        "questionnaire": roadmap.questionnaire,
        "assessed_on": roadmap.assessed_on,
        "rule": roadmap.rule,
        "phases": roadmap.phases,
        "steps": steps,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


WRITERS: Final = {
    "jira": to_jira_csv,
    "csv": to_generic_csv,
    "md": to_markdown,
    "json": to_json,
}


def backlog(roadmap: Roadmap, fmt: BacklogFormat) -> str:
    return WRITERS[fmt](roadmap)
