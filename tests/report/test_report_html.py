from syrupy.assertion import SnapshotAssertion

from assess.domain.assessment import Assessment
from assess.domain.questionnaire import Questionnaire
from assess.report.gap_report import gap_report_html, report_view
from tests.report.conftest import GENERATED


def test_full_tiny_report_html(
    tiny: Questionnaire, tiny_full: Assessment, snapshot: SnapshotAssertion
) -> None:
    assert gap_report_html(report_view(tiny, tiny_full, GENERATED)) == snapshot


def test_half_ml_test_score_report_html(
    mini_mlts: Questionnaire, mlts_half: Assessment, snapshot: SnapshotAssertion
) -> None:
    html = gap_report_html(report_view(mini_mlts, mlts_half, GENERATED), paper="letter")
    assert "@page { size: letter; }" in html
    assert html == snapshot


def test_standalone_html_inlines_its_stylesheets(
    tiny: Questionnaire, tiny_full: Assessment
) -> None:
    html = gap_report_html(report_view(tiny, tiny_full, GENERATED), standalone=True)
    assert "<link" not in html
    assert "@page {" in html and ".radar-box" in html
    assert '<html lang="en">' in html
    assert "<title>Maturity gap report: Zürich Ωmega Команда 東京チーム</title>" in html


def test_draft_watermark_is_an_image_inline_only_for_a_browser(
    tiny: Questionnaire, tiny_half: Assessment
) -> None:
    import base64
    import re

    view = report_view(tiny, tiny_half, GENERATED)
    printed = gap_report_html(view)
    # For WeasyPrint the stylesheet names the bundled file; the element holds no text.
    assert '<div class="draft-mark" aria-hidden="true"></div>' in printed
    assert "data:image" not in printed
    standalone = gap_report_html(view, standalone=True)
    found = re.search(r"url\('data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)'\)", standalone)
    assert found is not None
    svg = base64.b64decode(found.group(1)).decode()
    # Outlines only: no <text> that a PDF or a browser would make selectable.
    assert "<path" in svg and "<text" not in svg
