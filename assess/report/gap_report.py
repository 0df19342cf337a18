"""The gap report of one assessment as PDF, HTML or Markdown."""

from datetime import date
from pathlib import Path
from typing import Literal

from assess.atomic import write_text_atomically
from assess.domain.assessment import Assessment
from assess.domain.brand import Brand
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import score
from assess.report.branding import BrandView, brand_view, embedded
from assess.report.render import (
    PAGE_SIZES,
    FetchLog,
    MissingGlyphs,
    Paper,
    render_html,
    render_pdf,
)
from assess.report.view import ReportView, gap_report_view

Format = Literal["pdf", "html", "md"]
TEMPLATE = "gap_report.html"
STYLESHEETS = ["gap_report.css"]


def report_view(
    questionnaire: Questionnaire, assessment: Assessment, generated: date
) -> ReportView:
    return gap_report_view(questionnaire, assessment, score(questionnaire, assessment), generated)


def gap_report_html(
    view: ReportView,
    *,
    paper: Paper = "a4",
    standalone: bool = False,
    brand: BrandView | None = None,
) -> str:
    """The report as HTML: for WeasyPrint (stylesheets linked from the templates folder) or,
    standalone, for a browser (stylesheets inlined)."""
    return render_html(
        TEMPLATE,
        r=view,
        title=view.title,
        lang=view.lang,
        page_size=PAGE_SIZES[paper],
        standalone=standalone,
        stylesheets=STYLESHEETS,
        brand=brand,
    )


def write_gap_report(
    questionnaire: Questionnaire,
    assessment: Assessment,
    out: Path,
    *,
    fmt: Format = "pdf",
    paper: Paper = "a4",
    accessible: bool = False,
    generated: date,
    fetch_log: FetchLog | None = None,
    brand: Brand | None = None,
) -> MissingGlyphs:
    """Write the report of assessment to out, atomically, in the format asked for; returns the
    characters a PDF had no font for (a browser or wiki picks its own fonts). brand puts a name,
    logo, accent colour and footer line on the PDF and HTML."""
    view = report_view(questionnaire, assessment, generated)
    branded = brand_view(brand)
    if fmt == "md":
        from assess.report.markdown import gap_report_markdown

        write_text_atomically(out, gap_report_markdown(view))
        return MissingGlyphs()
    if fmt == "html":
        html = gap_report_html(view, paper=paper, standalone=True, brand=branded)
        write_text_atomically(out, html)
        return MissingGlyphs()
    html = gap_report_html(view, paper=paper, brand=branded)
    return render_pdf(
        html, out, accessible=accessible, fetch_log=fetch_log, embedded=embedded(brand, branded)
    )


def export_pdf(
    questionnaire: Questionnaire, assessment: Assessment, path: Path, *, generated: date
) -> None:
    """The PDF gap report of assessment at path: what the TUI's export action calls (through a
    callable cli builds, so the TUI never imports the report)."""
    write_gap_report(questionnaire, assessment, path, fmt="pdf", generated=generated)
