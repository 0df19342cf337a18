"""How many answers of each team scan evidence backs, in every comparison format.

Three teams on tiny (ci-builds: none, some, all; ci-gate; tracking questions unanswered):
- Payments: findings suggest ci-builds 'some' (answered 'some') and add evidence to ci-gate
  (answered 'no'): 2 backed.
- Search: the same findings, ci-builds answered 'all' (contradicted): 1 backed.
- Billing: answers, no scan recorded: no count ('–', empty cell, null).
"""

import csv
import io
import json

from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.compare import Comparison, compare
from assess.domain.questionnaire import Questionnaire
from assess.report.compare_document import comparison_html
from assess.report.compare_export import to_csv, to_json, to_markdown
from tests.conftest import NOW, TODAY
from tests.scan.test_claims import finding

EXPECTED = {"Payments": 2, "Search": 1, "Billing": None}


def _team(model: Questionnaire, team: str, builds: str, scan: bool) -> Assessment:
    assessment = new_assessment(model, team, ["A. Rivera"], TODAY, NOW)
    if scan:
        found = {
            "ci-builds": [finding("ci-builds", "some")],
            "ci-gate": [finding("ci-gate", None, "evidence-only")],
        }
        assessment = assessment.with_findings(found, NOW)
    for qid, answer in {"ci-builds": Answer(choice=builds), "ci-gate": Answer(choice="no")}.items():
        assessment = assessment.with_answer(qid, answer, NOW)
    return assessment


def _comparison(tiny: Questionnaire) -> Comparison:
    return compare(
        tiny,
        [
            _team(tiny, "Payments", "some", scan=True),
            _team(tiny, "Search", "all", scan=True),
            _team(tiny, "Billing", "some", scan=False),
        ],
    )


def test_rows_carry_the_hand_counted_numbers(tiny: Questionnaire) -> None:
    assert {r.team: r.backed for r in _comparison(tiny).latest_rows} == EXPECTED


def test_csv_and_json_have_an_evidence_backed_column(tiny: Questionnaire) -> None:
    c = _comparison(tiny)
    records = list(csv.DictReader(io.StringIO(to_csv(c))))
    by_team = {r["team"]: r["evidence_backed"] for r in records}
    assert by_team == {"Payments": "2", "Search": "1", "Billing": ""}
    rows = json.loads(to_json(c))
    assert {r["team"]: r["evidence_backed"] for r in rows} == EXPECTED
    assert len(rows) == 3 * 2  # one per team and dimension, each repeating the team's count


def test_html_ranking_shows_the_counts(tiny: Questionnaire) -> None:
    html = comparison_html(_comparison(tiny))
    assert '<th class="num">Backed<br>by scan</th>' in html
    for team, shown in (("Payments", "2"), ("Search", "1"), ("Billing", "–")):
        row = next(line for line in html.splitlines() if f"<td>{team}</td>" in line)
        assert row.endswith(f'<td class="num">{shown}</td></tr>'), row
    assert "Backed by scan: answers that findings of assess scan support" in html


def test_markdown_lists_the_counts(tiny: Questionnaire) -> None:
    text = to_markdown(_comparison(tiny))
    assert "## Answers backed by scan evidence" in text
    for team, shown in (("Payments", "2"), ("Search", "1"), ("Billing", "–")):
        assert f"| {team} | {shown} |" in text


def test_no_column_when_no_team_was_scanned(tiny: Questionnaire) -> None:
    c = compare(tiny, [_team(tiny, "Billing", "some", scan=False)])
    assert "Backed by scan" not in comparison_html(c)
    assert "scan evidence" not in to_markdown(c)
    assert json.loads(to_json(c))[0]["evidence_backed"] is None
