"""The DORA line, placed or not, appears in every output that shows a placement."""

import json

from rich.console import Console

from assess.domain.assessment import Answer, Assessment
from assess.domain.compare import compare
from assess.domain.scoring import score
from assess.report.gap_report import report_view
from assess.report.markdown import gap_report_markdown
from assess.report.scorecard_json import scorecard_json
from assess.report.terminal import scorecard_table
from tests.report.conftest import GENERATED
from tests.test_shipped_data import NOW, answered, choice_by_text, load

NOT_PLACED = (
    "not placed: 2 of 4 delivery metrics answered, at least 3 needed "
    "(missing lead-time, recovery-time)"
)


def _team(name: str, deploys: str, fail_rate: str, recovery: str | None) -> Assessment:
    model = load("devops-mlops")
    choices = {
        "dora-deploy-frequency": choice_by_text(model, "dora-deploy-frequency", deploys),
        "dora-change-fail-rate": choice_by_text(model, "dora-change-fail-rate", fail_rate),
    }
    if recovery is not None:
        choices["dora-recovery-time"] = choice_by_text(model, "dora-recovery-time", recovery)
    assessment = answered(model, choices).model_copy(update={"team": name})
    return assessment.with_answer("dora-lead-time", Answer(skip="dont-know"), NOW)


def _text(renderable: object) -> str:
    console = Console(width=200, record=True)
    console.print(renderable)
    return " ".join(console.export_text().split())


def test_not_placed_is_said_in_the_table_json_and_markdown() -> None:
    model = load("devops-mlops")
    team = _team("Payments", "On demand (multiple deploys per day)", "0–5%", None)
    card = score(model, team)
    assert f"DORA 2024 cluster: {NOT_PLACED}" in _text(scorecard_table(model, team, card))
    data = json.loads(scorecard_json(model, team, card))["dora"]
    assert data["cluster"] is None
    assert data["missing"] == ["lead-time", "recovery-time"]
    assert data["distances"] == {}
    markdown = gap_report_markdown(report_view(model, team, generated=GENERATED))
    assert "DORA cluster: Not placed: 2 of 4 delivery metrics answered" in markdown
    assert "Missing: Lead time for changes, Failed deployment recovery time." in markdown


def test_a_placement_shows_its_distances_in_json() -> None:
    # Deploys on demand (1.0), fail rate 0-5% (3%: 0.03), recovery under an hour (1.0), lead time
    # "don't know": elite at |0.03 - 0.05| = 0.02; high at √(0.4² + 0.17² + 0.2²) = √0.2289.
    model = load("devops-mlops")
    team = _team("Payments", "On demand (multiple deploys per day)", "0–5%", "Less than one hour")
    data = json.loads(scorecard_json(model, team, score(model, team)))["dora"]
    assert data["cluster"] == "elite"
    assert round(data["distances"]["elite"], 6) == 0.02
    assert round(data["distances"]["high"] ** 2, 6) == 0.2289
    assert data["missing"] == ["lead-time"]
    assert "2024 benchmark" in data["benchmark"]


def test_the_comparison_names_teams_not_placed() -> None:
    model = load("devops-mlops")
    placed = _team("Checkout", "On demand (multiple deploys per day)", "0–5%", "Less than one hour")
    unplaced = _team("Payments", "On demand (multiple deploys per day)", "0–5%", None)
    rows = {row.team: row.dora for row in compare(model, [placed, unplaced]).latest_rows}
    assert rows == {"Checkout": "elite", "Payments": "not placed"}
