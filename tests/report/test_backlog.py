"""Backlog exports of the roadmap: Jira's CSV import, the generic CSV, Markdown, JSON."""

import csv
import io
import json
from fractions import Fraction

from assess.domain.assessment import Answer, Assessment
from assess.domain.questionnaire import Questionnaire
from assess.domain.roadmap import Roadmap, build_roadmap
from assess.domain.scoring import score
from assess.report.backlog import (
    GENERIC_COLUMNS,
    JIRA_COLUMNS,
    priority_name,
    to_generic_csv,
    to_jira_csv,
    to_json,
    to_markdown,
)
from tests.report.conftest import answered


def lowest_roadmap(tiny: Questionnaire, team: str = "Payments") -> Roadmap:
    """ci 1 → 4 (priority 6), tracking 1 → 3 (priority 2), tracking-runs 'don't know'."""
    answers = {q.id: Answer(position=1) for _, q in tiny.questions()}
    answers["tracking-runs"] = Answer(skip="dont-know")
    assessment: Assessment = answered(tiny, answers, team=team)
    return build_roadmap(tiny, assessment, score(tiny, assessment))


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_jira_csv_has_the_columns_the_importer_maps(tiny: Questionnaire) -> None:
    table = rows(to_jira_csv(lowest_roadmap(tiny)))
    header, body = table[0], table[1:]
    assert header == JIRA_COLUMNS
    assert header.count("Labels") == 4 and "Summary" in header and "External ID" in header
    # One find-out step and five level steps (ci 3, tracking 2; tracking's mean is 1).
    assert len(body) == 6
    first = dict(zip(header, body[1], strict=False))
    assert first["Summary"] == "Continuous integration: from level 1 Initial to 2 Managed"
    assert first["Issue Type"] == "Task" and first["Status"] == "To Do"
    assert first["Priority"] == "Highest"  # gap 3 × weight 2 = 6
    assert first["Description"].startswith("Add CI.\n\nTeam: Payments.")
    assert body[1][4:8] == ["assess", "ci", "phase-1", "owner-team"]
    assert first["Assignee"] == first["Original Estimate"] == first["Due Date"] == ""
    find_out = dict(zip(header, body[0], strict=False))
    assert find_out["Summary"].startswith("Experiment tracking: find out:")
    assert "It worked when" in find_out["Description"]


def test_priority_bands_from_gap_times_weight() -> None:
    assert [priority_name(Fraction(p)) for p in (6, 3, 2, Fraction(3, 2), 1, Fraction(1, 2))] == [
        ("Highest", 1),
        ("Highest", 1),
        ("High", 2),
        ("Medium", 3),
        ("Medium", 3),
        ("Low", 4),
    ]


def test_generic_csv_for_azure_devops_and_other_trackers(tiny: Questionnaire) -> None:
    table = rows(to_generic_csv(lowest_roadmap(tiny)))
    assert table[0] == GENERIC_COLUMNS
    row = dict(zip(table[0], table[2], strict=True))
    assert (row["Work Item Type"], row["State"], row["Priority"], row["Owner"]) == (
        "Task",
        "New",
        "1",
        "Team",
    )
    assert (row["From Level"], row["To Level"], row["Phase"]) == ("1", "2", "1")
    assert row["Tags"] == "assess; ci; phase-1; owner-team"
    assert row["Assigned To"] == row["Effort"] == row["Due Date"] == ""


def test_csv_cells_cannot_run_as_formulas(tiny: Questionnaire) -> None:
    hostile = lowest_roadmap(tiny, team='=HYPERLINK("http://x","y")')
    team_column = [row[11] for row in rows(to_generic_csv(hostile))[1:]]
    assert set(team_column) == {'\'=HYPERLINK("http://x","y")'}
    for text in (to_jira_csv(hostile), to_generic_csv(hostile)):
        cells = [cell for row in rows(text) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_markdown_task_list_with_fields_to_fill(tiny: Questionnaire) -> None:
    text = to_markdown(lowest_roadmap(tiny))
    assert "## Phase 1: next quarter" in text and "## Phase 3: quarter 3" in text
    assert "- [ ] **Continuous integration: from level 1 Initial to 2 Managed**: Add CI." in text
    assert "Owner: Team · priority 6.0 · who: · effort: · due:" in text


def test_json_keeps_ids_and_empty_fields(tiny: Questionnaire) -> None:
    data = json.loads(to_json(lowest_roadmap(tiny)))
    assert data["format"] == "assess-roadmap/1" and data["phases"] == 3
    step = data["steps"][1]
    assert (step["from_level"], step["to_level"], step["priority"], step["gap"]) == (1, 2, 6, 3)
    assert (step["assignee"], step["effort"], step["due"]) == (None, None, None)
    assert step["id"].endswith(".ci.1-2")
