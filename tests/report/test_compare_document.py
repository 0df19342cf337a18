"""One small PDF render; the other checks look at the HTML."""

import io
from pathlib import Path

from pypdf import PdfReader

from assess.domain.compare import compare
from assess.report.compare_document import comparison_html, context, write_comparison
from tests.report.compare_fixtures import comparison, samples, wide


def test_pdf_names_every_team(tmp_path: Path) -> None:
    c = comparison(wide(), 9)
    out = tmp_path / "cmp.pdf"
    write_comparison(c, out, "pdf")
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    for row in c.rows:
        assert row.team in text
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in text
    assert "not league tables" in text


def test_html_sections_and_escaping() -> None:
    q = wide()
    teams = samples(q, 7)
    first = teams[0].team
    teams = [
        a.model_copy(update={"team": "<script>x</script>"}) if a.team == first else a for a in teams
    ]
    html = comparison_html(compare(q, teams), standalone=True)
    assert "<script>x" not in html and "&lt;script&gt;x" in html
    for heading in (
        "Where the organisation should invest",
        "Heat map",
        "Spread per dimension",
        "Teams by overall score",
        "Who is strong where",
        "Team profiles",
        "Progress",
    ):
        assert heading in html
    # Standalone HTML carries its CSS and links nothing.
    assert '<link rel="stylesheet"' not in html and ".heat" in html
    # One radar per team.
    assert html.count('class="radar"') == 7


def test_teams_by_overall_score_carry_no_rank_numbers() -> None:
    html = comparison_html(comparison(wide(), 5))
    section = html[html.index("<h1>Teams by overall score</h1>") :]
    table = section[: section.index("</table>")]
    assert "<th>Team</th>" in table and "#</th>" not in table
    assert "Overall ranking" not in html


def test_who_is_strong_where_is_one_line_per_team() -> None:
    c = comparison(wide(), 7)
    ctx = context(c)
    codes = {code: title for code, title, _ in ctx["dimensions"]}
    by_title = {d.title: d.id for d in c.dimensions}
    strengths = {s.dimension: s for s in c.strengths}
    assert [p.team for p in ctx["pairings"]] == [row.team for row in c.latest_rows]
    for p in ctx["pairings"]:
        for helper, learned in p.learn:
            for code in learned:
                s = strengths[by_title[codes[code]]]
                # The best-placed team at or above target, for a dimension this team is below.
                assert s.strong[0].team == helper
                assert p.team in {t.team for t in s.below}
        for code in p.help:
            s = strengths[by_title[codes[code]]]
            assert p.team in {t.team for t in s.strong} and s.below
