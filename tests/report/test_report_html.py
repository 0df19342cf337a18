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
