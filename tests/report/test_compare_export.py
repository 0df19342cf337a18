import csv
import io
import json

import pytest

from assess.report.compare_export import COLUMNS, to_csv, to_json, to_markdown
from tests.report.compare_fixtures import comparison, tiny


def test_csv_has_one_row_per_team_and_dimension() -> None:
    c = comparison(tiny(), 7)
    records = list(csv.DictReader(io.StringIO(to_csv(c))))
    assert tuple(records[0]) == COLUMNS
    assert len(records) == c.teams * 2
    first = c.rows[0]
    mine = [r for r in records if r["team"] == first.team]
    assert [r["dimension"] for r in mine] == ["ci", "tracking"]
    cell = first.cells[0]
    assert mine[0]["target"] == str(cell.target)
    assert float(mine[0]["score"]) == pytest.approx(cell.score or 0, abs=0.005)
    assert mine[0]["status"] == first.status


def test_json_rows_match_the_heat_map_and_keep_history_with_all_dates() -> None:
    c = comparison(tiny(), 7, all_dates=True)
    records = json.loads(to_json(c))
    assert len(records) == len(c.rows) * 2 > c.teams * 2
    assert {r["team"] for r in records} == {r.team for r in c.rows}
    for record, (row, cell) in zip(records, [(r, x) for r in c.rows for x in r.cells], strict=True):
        assert record["date"] == row.date.isoformat()
        assert record["level"] == cell.level
        assert record["gap"] == (None if cell.gap is None else round(cell.gap, 2))


def test_markdown_names_every_team_and_escapes_pipes() -> None:
    c = comparison(tiny(), 5)
    renamed = c.model_copy(
        update={"rows": [c.rows[0].model_copy(update={"team": "A|B"}), *c.rows[1:]]}
    )
    text = to_markdown(renamed)
    assert "A\\|B" in text
    for row in c.rows[1:]:
        assert row.team in text
    assert "not league tables" in text


FORMULAS = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=x", "\r=x"]


def test_csv_neutralises_formulas_in_names_and_titles_keeps_numbers() -> None:
    c = comparison(tiny(), len(FORMULAS))
    rows = [
        r.model_copy(update={"team": f"{name} team"})
        for r, name in zip(c.rows, FORMULAS, strict=True)
    ]
    dims = [c.dimensions[0].model_copy(update={"title": "=IMPORTXML(a,b)"}), *c.dimensions[1:]]
    records = list(
        csv.DictReader(io.StringIO(to_csv(c.model_copy(update={"rows": rows, "dimensions": dims}))))
    )
    assert {r["team"] for r in records} == {f"'{name} team" for name in FORMULAS}
    assert {r["dimension_title"] for r in records if r["dimension"] == "ci"} == {"'=IMPORTXML(a,b)"}
    # Our own numbers stay numbers, negative ones included.
    assert any(r["vs_median"].startswith("-") for r in records)


def test_markdown_escapes_html_links_and_images() -> None:
    c = comparison(tiny(), 3)
    hostile = (
        "<img src=x onerror=alert(1)> [click](https://evil.example) ![i](https://e.example/p.png)"
    )
    rows = [c.rows[0].model_copy(update={"team": hostile}), *c.rows[1:]]
    dims = [c.dimensions[0].model_copy(update={"title": "<script>x</script>"}), *c.dimensions[1:]]
    text = to_markdown(c.model_copy(update={"rows": rows, "dimensions": dims, "title": "# <b>T"}))
    assert "<img" not in text and "<script>" not in text and "<b>" not in text
    assert "](" not in text.replace("\\](", "")  # no live link or image anywhere
    assert "&lt;img src=x onerror=alert(1)&gt; \\[click\\](https://evil.example) !\\[i\\]" in text
    assert "&lt;script&gt;x&lt;/script&gt;" in text
