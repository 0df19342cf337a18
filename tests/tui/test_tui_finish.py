"""Finishing ends in a report: complete, then the PDF offered; a draft is announced; an
existing PDF is replaced only after a yes."""

from pathlib import Path

from pypdf import PdfReader
from textual.pilot import Pilot

from assess.tui.app import AssessApp, Outcome
from assess.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PathScreen
from assess.tui.screens.review import ReviewScreen

from .conftest import ContextFactory


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


async def exported(pilot: Pilot[Outcome]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_finish_then_export_writes_a_complete_report(
    make_context: ContextFactory, root: Path
) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "2", "n", "d")  # every question; the review opens
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("f")  # nothing open: complete at once, then the PDF is offered
        assert isinstance(app.screen, ChoiceScreen)
        assert "Export the PDF report now?" in app.screen.question
        await pilot.press("y")
        assert isinstance(app.screen, PathScreen)
        await pilot.press("enter")
        await exported(pilot)
        assert app.screen is review  # it stays
        pdf = review.session.path.with_suffix(".pdf")
        text = pdf_text(pdf)
        assert "Payments" in text
        assert "DRAFT" not in text and "Draft:" not in text
        assert review.session.assessment.status == "complete"

        # Again: the existing file is not replaced without a yes.
        written = pdf.stat().st_mtime_ns
        await pilot.press("x")  # complete: straight to the file name
        assert isinstance(app.screen, PathScreen)
        await pilot.press("enter")
        await exported(pilot)  # the exporter refuses the existing file, and the TUI asks
        assert isinstance(app.screen, ConfirmScreen)
        assert "exists" in app.screen.question
        await pilot.press("n")
        await exported(pilot)
        assert pdf.stat().st_mtime_ns == written
        await pilot.press("x", "enter")
        await exported(pilot)
        await pilot.press("y")
        await exported(pilot)
        assert pdf.stat().st_mtime_ns != written


async def test_export_before_finishing_says_draft_and_offers_to_finish(
    make_context: ContextFactory,
) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "r", "x")
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        assert "DRAFT" in dialog.question
        await pilot.press("f")  # finish first: three questions are open, so it asks
        assert isinstance(app.screen, ConfirmScreen)
        assert "3 questions are unanswered" in app.screen.question
        await pilot.press("y")
        assert isinstance(app.screen, ChoiceScreen)  # complete now; the PDF is offered
        await pilot.press("escape")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.session.assessment.status == "complete"
