"""The page-by-page rules, on WeasyPrint's layout of the gap report and the comparison: no page
less than a third full except before a section that starts a page, and every table between the
margins."""

from datetime import date

from assess.domain.assessment import Assessment
from assess.domain.questionnaire import Questionnaire
from assess.report.compare_document import comparison_html
from assess.report.gap_report import gap_report_html, report_view
from tests.report.compare_fixtures import comparison, wide
from tests.report.layout import pages, short_pages, tables_outside_margins


def test_gap_report_pages_of_the_default_model(
    default_model: Questionnaire, default_samples: list[Assessment]
) -> None:
    complete = next(a for a in default_samples if a.status == "complete")
    draft = next(a for a in default_samples if a.status != "complete")
    for assessment in (complete, draft):
        view = report_view(default_model, assessment, date(2026, 11, 22))
        laid_out = pages(gap_report_html(view))
        assert short_pages(laid_out) == [], assessment.team
        assert tables_outside_margins(laid_out) == [], assessment.team


def test_comparison_pages() -> None:
    laid_out = pages(comparison_html(comparison(wide(), 9, all_dates=True)))
    assert tables_outside_margins(laid_out) == []
    assert short_pages(laid_out) == []
    # Every table was measured, the heat map of the full width among them.
    assert any("heat" in table.css_class for page in laid_out for table in page.tables)
