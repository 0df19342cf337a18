"""Respondents and agreement in every comparison format, and sorting and filtering by agreement.

Three teams on tiny (see consensus_fixtures.py for Payments' figures, worked out by hand):
- Payments: 3 respondents; 2 of 4 questions flagged: agreement 50%. ci: respondents' own scores
  1 to 4.25 (spread 3.25), tracking 1 to 1.5 (spread 0.5).
- Orders: 2 respondents who answer alike (Ben's answers): no question flagged, agreement 100%;
  own scores ci 3.75 to 3.75, tracking 1.5 to 1.5.
- Billing: one person answered for the team: no respondents, no agreement, no spread.
"""

import csv
import io
import json
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from assess.cli import cli
from assess.domain.assessment import Assessment
from assess.domain.compare import Comparison, compare
from assess.domain.consensus import consolidate, labels
from assess.domain.questionnaire import Questionnaire
from assess.errors import AssessError
from assess.files.assessments import save_assessment, standard_path
from assess.report.compare_document import comparison_html
from assess.report.compare_export import to_csv, to_json, to_markdown
from assess.report.compare_table import heat_map
from tests.report.consensus_fixtures import NOW, ON, tiny_respondents, tiny_team

TINY = Path(__file__).parent.parent / "data" / "tiny.yaml"


def _teams(tiny: Questionnaire) -> list[Assessment]:
    payments = tiny_team(tiny)
    ben = tiny_respondents(tiny)[1]
    alike = [ben, ben.model_copy(update={"respondent": "Bo"})]
    orders = consolidate(tiny, alike, "Orders", ON, NOW).recorded(
        labels(alike, False), False, {}, NOW
    )
    billing = payments.model_copy(update={"team": "Billing", "consolidation": None})
    return [payments, orders.model_copy(update={"status": "complete"}), billing]


def _compare(tiny: Questionnaire, **options: object) -> Comparison:
    return compare(tiny, _teams(tiny), **options)  # type: ignore[arg-type]


def test_rows_carry_respondents_agreement_and_the_spread(tiny: Questionnaire) -> None:
    c = _compare(tiny)
    rows = {r.team: r for r in c.rows}
    assert (rows["Payments"].respondents, rows["Payments"].agreement) == (3, Fraction(1, 2))
    assert (rows["Orders"].respondents, rows["Orders"].agreement) == (2, 1)
    assert (rows["Billing"].respondents, rows["Billing"].agreement) == (None, None)
    ci, tracking = rows["Payments"].cells
    assert (ci.low, ci.high, ci.spread, ci.agreement) == (1, Fraction(17, 4), Fraction(13, 4), 0)
    assert (tracking.low, tracking.high, tracking.spread, tracking.agreement) == (
        1,
        Fraction(3, 2),
        Fraction(1, 2),
        1,
    )
    assert all(cell.spread is None for cell in rows["Billing"].cells)
    # Consolidated scores are the team's scores: Payments ci (3 + 3 x 4) / 4.
    assert ci.score == Fraction(15, 4)


def test_sort_by_agreement_least_first_and_without_respondents_last(tiny: Questionnaire) -> None:
    assert [r.team for r in _compare(tiny, order="agreement").rows] == [
        "Payments",
        "Orders",
        "Billing",
    ]
    assert [r.team for r in _compare(tiny, order="team").rows] == ["Billing", "Orders", "Payments"]
    # The PDF's ranking stays by overall whatever the order.
    html = comparison_html(_compare(tiny, order="agreement"))
    assert "Teams are listed by agreement, least first" in html


def test_min_agreement_keeps_the_teams_that_agree(tiny: Questionnaire) -> None:
    c = _compare(tiny, min_agreement=Fraction(4, 5))
    assert [r.team for r in c.rows] == ["Orders"]
    assert (c.below_agreement, c.without_respondents) == (1, 1)
    # At exactly the threshold a team is kept.
    assert {r.team for r in _compare(tiny, min_agreement=Fraction(1, 2)).rows} == {
        "Orders",
        "Payments",
    }
    with pytest.raises(AssessError, match="no team's respondents agree on at least 100%"):
        compare(tiny, [t for t in _teams(tiny) if t.team != "Orders"], min_agreement=Fraction(1))


def test_csv_columns_and_booleans(tiny: Questionnaire) -> None:
    records = list(csv.DictReader(io.StringIO(to_csv(_compare(tiny)))))
    by = {(r["team"], r["dimension"]): r for r in records}
    assert {k: by["Payments", "ci"][k] for k in ("respondents", "agreement", "spread")} == {
        "respondents": "3",
        "agreement": "0.5",
        "spread": "3.25",
    }
    assert by["Payments", "tracking"]["spread"] == "0.5"
    assert (by["Orders", "ci"]["agreement"], by["Orders", "ci"]["spread"]) == ("1.0", "0.0")
    assert {k: by["Billing", "ci"][k] for k in ("respondents", "agreement", "spread")} == {
        "respondents": "",
        "agreement": "",
        "spread": "",
    }
    assert "spread_low" not in records[0]
    text = to_csv(_compare(tiny))
    assert ",true,true," in text and "True" not in text and "False" not in text
    assert {r["complete"] for r in records} == {"true"} and {r["latest"] for r in records} == {
        "true"
    }


def test_json_has_the_low_and_high(tiny: Questionnaire) -> None:
    records = json.loads(to_json(_compare(tiny)))
    by = {(r["team"], r["dimension"]): r for r in records}
    ci = by["Payments", "ci"]
    assert (ci["respondents"], ci["agreement"], ci["spread"]) == (3, 0.5, 3.25)
    assert (ci["spread_low"], ci["spread_high"]) == (1.0, 4.25)
    billing = by["Billing", "ci"]
    assert [billing[k] for k in ("respondents", "agreement", "spread", "spread_low")] == [None] * 4
    assert ci["complete"] is True


def test_pdf_html_ranking_and_markdown(tiny: Questionnaire) -> None:
    c = _compare(tiny)
    html = comparison_html(c)
    assert '<th class="num">Respondents<br>(agreement)</th>' in html
    assert '<td class="num">3 (50%)</td>' in html and '<td class="num">2 (100%)</td>' in html
    assert '<td class="num">–</td></tr>' in html
    md = to_markdown(c)
    assert "## Respondents and agreement" in md
    assert "| Payments | 3 | 50% |" in md and "| Billing | – | – |" in md
    without = compare(tiny, [_teams(tiny)[2]])
    assert "(agreement)" not in comparison_html(without)
    assert "Respondents and agreement" not in to_markdown(without)


def _text(c: Comparison, width: int) -> str:
    console = Console(record=True, width=width, file=io.StringIO())
    console.print(heat_map(c, width))
    return console.export_text()


def test_terminal_table_shows_respondents_and_agreement(tiny: Questionnaire) -> None:
    # Three teams fit transposed: a row each for respondents and agreement.
    # Overall 3.0 for all three (Billing has Payments' answers): by name.
    text = _text(_compare(tiny), 80)
    lines = {
        words[0]: words
        for line in text.splitlines()
        if (words := [w for w in line.split() if w != "│"])
    }
    assert lines["Respondents"][1:] == ["–", "2", "3"]
    assert lines["Agreement"][1:] == ["–", "100%", "50%"]
    assert "Respondents" not in _text(compare(tiny, [_teams(tiny)[2]]), 80)


def test_compact_table_columns_or_a_line(tiny: Questionnaire) -> None:
    teams = _teams(tiny)
    many = [t.model_copy(update={"team": f"{t.team} {n}"}) for n in range(5) for t in teams]
    text = _text(compare(tiny, many, order="agreement"), 80)
    assert "Rsp  Agr" in text
    first = next(line for line in text.splitlines() if line.startswith("Payments"))
    assert first.split()[3:5] == ["3", "50%"]  # 'Payments 0', overall 3.0
    # Too narrow for the columns: one line lists them instead.
    narrow = _text(compare(tiny, many), 24)
    assert "Rsp " not in narrow and "Agr" not in narrow
    words = " ".join(narrow.split())
    assert "Respondents (agreement): Billing 0" not in words  # one person: not listed
    assert "Payments 0: 3 (50%)" in words and "Orders 0: 2 (100%)" in words
    assert "(5 answered by one person)" in words


def _folder(tiny: Questionnaire, root: Path) -> Path:
    for team in _teams(tiny):
        save_assessment(team, standard_path(root, team))
    return root


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["compare", *args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_sort_and_min_agreement(tiny: Questionnaire, tmp_path: Path) -> None:
    root = _folder(tiny, tmp_path / "a")
    models = str(TINY.parent)
    base = ("--questionnaires", models, str(root), "--format", "json")
    code, out, _ = run(*base, "--sort", "agreement")
    assert code == 0
    assert [r["team"] for r in json.loads(out)][::2] == ["Payments", "Orders", "Billing"]
    for given in ("0.8", "80%", "4/5"):
        code, out, err = run(*base, "--min-agreement", given)
        assert code == 0, err
        assert {r["team"] for r in json.loads(out)} == {"Orders"}
    for wrong in ("1.5", "much", "-10%"):
        code, out, err = run(*base, "--min-agreement", wrong)
        assert code != 0 and out == ""
        assert err.startswith("error: --min-agreement") and "0.8" in err
    code, out, _ = run("--questionnaires", models, str(root), "--min-agreement", "0.8")
    assert code == 0 and "Only teams whose respondents agree on at least 80%" in out
