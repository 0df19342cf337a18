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
