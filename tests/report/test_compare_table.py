from rich.console import Console

from assess.domain.compare import Comparison, compare
from assess.files.questionnaires import find_questionnaire
from assess.report.compare_table import heat_map
from assess.report.compare_view import abbreviations
from tests.report.compare_fixtures import comparison, samples, tiny, wide


def printed(c: Comparison, width: int = 80) -> list[str]:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(heat_map(c, width))
    return console.export_text().splitlines()


def test_23_dimensions_and_60_teams_fit_80_columns() -> None:
    c = comparison(wide(), 60)
    lines = printed(c)
    assert max(len(line) for line in lines) <= 80
    for row in c.rows:
        assert any(line.startswith(row.team) for line in lines), row.team
    # Every dimension has a code in the header and the legend.
    codes = abbreviations([d.title for d in c.dimensions])
    legend = " ".join(" ".join(lines).split())
    assert all(f"{code} {d.title}" in legend for code, d in zip(codes, c.dimensions, strict=True))


def test_rows_show_levels_sorted_by_overall() -> None:
    c = comparison(wide(), 12)
    lines = printed(c)
    first = next(line for line in lines if line.startswith(c.rows[0].team))
    cells = first[-2 * len(c.dimensions) :]
    expected = "".join(
        ("·" if x.level is None else str(x.level)) + ("▾" if x.below_target else " ")
        for x in c.rows[0].cells
    )
    assert cells.rstrip() == expected.rstrip()
    overall = [r.overall or 0.0 for r in c.rows]
    assert overall == sorted(overall, reverse=True)


def test_few_teams_are_transposed_with_full_titles() -> None:
    c = comparison(tiny(), 3)
    text = "\n".join(printed(c))
    assert "Continuous integration" in text and "Experiment tracking" in text
    assert "Median" in text and "Overall" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_abbreviations_are_distinct() -> None:
    codes = abbreviations(["Testing", "Tests", "Test", "T", "Continuous integration"])
    assert len(set(codes)) == 5
    assert all(len(code) == 2 for code in codes)
    assert codes[-1] == "CI"


def renamed(c: Comparison, names: list[str]) -> Comparison:
    rows = [row.model_copy(update={"team": name}) for row, name in zip(c.rows, names, strict=True)]
    return c.model_copy(update={"rows": rows})


def test_codes_never_differ_only_in_case() -> None:
    titles = [d.title for _, d in find_questionnaire(None, []).dimensions()]
    codes = abbreviations(titles)
    assert all(code == code.upper() for code in codes)
    assert len(set(codes)) == len(codes)
    by_title = dict(zip(titles, codes, strict=True))
    assert by_title["Data versioning"] == "DV"
    assert by_title["Data validation and quality"] == "DQ"


def test_transposed_team_headers_wrap_between_words() -> None:
    c = renamed(comparison(tiny(), 3), ["Fraud Detection", "Data Platform", "Search Ranking"])
    lines = printed(c)
    assert "Dimension" in lines[2] and "Continuous integration" in " ".join(lines)
    header = " ".join(lines[:4])
    for word in ("Fraud", "Detection", "Data", "Platform", "Search", "Ranking"):
        assert f" {word} " in f" {header} ", word
    assert max(len(line) for line in lines) <= 80


def test_compact_lines_fit_80_columns_with_34_dimensions() -> None:
    q = find_questionnaire(None, [])
    c = compare(q, samples(q, 12))
    c = renamed(c, [f"Team with a long name {n}" for n in range(len(c.rows))])
    lines = printed(c)
    assert max(len(line) for line in lines) <= 80
    assert sum(1 for line in lines if line.startswith("Team w")) == len(c.rows)
