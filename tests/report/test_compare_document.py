"""One small PDF render; the other checks look at the HTML."""

import io
from pathlib import Path

from pypdf import PdfReader

from assess.domain.compare import compare
from assess.report.compare_document import comparison_html, write_comparison
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
        "Overall ranking",
        "Who is strong where",
        "Team profiles",
        "Progress",
    ):
        assert heading in html
    # Standalone HTML carries its CSS and links nothing.
    assert '<link rel="stylesheet"' not in html and ".heat" in html
    # One radar per team.
    assert html.count('class="radar"') == 7
