"""At 80x24: page keys in the review and in panels, Escape closes every panel, the key line,
and answers the model changed under are never kept in bulk."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from assess.files.assessments import load_assessment
from assess.tui.app import AssessApp
from assess.tui.screens.carried import ConfirmCarriedScreen
from assess.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PathScreen, ReasonScreen
from assess.tui.screens.help import HelpScreen
from assess.tui.screens.lock import OpenElsewhereScreen
from assess.tui.screens.questions import QuestionScreen
from assess.tui.screens.review import ReviewScreen
from assess.tui.widgets.keyline import KeyLine
from tests.conftest import pick

from .conftest import ContextFactory

SMALL = (80, 24)


async def test_help_panel_pages_at_80x24(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        panel = app.screen.query_one("#help-panel", VerticalScroll)
        assert panel.max_scroll_y > 0  # the list is taller than the terminal
        await pilot.press("pagedown")
        assert panel.scroll_y > 0
        await pilot.press("end")
        assert panel.scroll_y == panel.max_scroll_y
        await pilot.press("home")
        assert panel.scroll_y == 0
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)


async def test_review_home_end_and_page_keys(make_context: ContextFactory) -> None:
    # The default model: 34 dimensions, far more than 24 lines.
    app = AssessApp(make_context(team="Payments", questionnaire="devops-mlops"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        table = review.query_one("#scores", DataTable)
        page = review.query_one("#review", VerticalScroll)
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        assert page.scroll_y == page.max_scroll_y  # the open questions below come into view
        await pilot.press("home")
        assert table.cursor_row == 1  # the first dimension (row 0 is its area)
        assert page.scroll_y == 0  # with the summary above
        await pilot.press("pagedown")
        after_one_page = table.cursor_row
        assert after_one_page > 1
        await pilot.press("pagedown")
        assert table.cursor_row > after_one_page
        await pilot.press("pageup", "pageup", "pageup")
        assert table.cursor_row <= 1 and page.scroll_y == 0


async def test_escape_closes_every_panel(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        questions = app.screen
        await pilot.press("2")  # an answer, so that the file exists
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is questions
        for panel in (
            ReasonScreen("Does this team build ML models?", "it builds none"),
            ConfirmCarriedScreen("CI", "from 2026-08-14", [("Q?", "Some")], [("R?", "x", "y")]),
            OpenElsewhereScreen("pid 1 on host"),
            PathScreen("Export to:", Path("report.pdf")),
        ):
            app.push_screen(panel)
            await pilot.pause()
            assert app.screen is panel
            await pilot.press("escape")
            assert app.screen is questions, panel
        await pilot.press("ctrl+p")
        assert app.screen is not questions
        await pilot.press("escape")
        assert app.screen is questions
        await pilot.press("r")
        review = app.screen
        for key, kind in (("f", ConfirmScreen), ("x", ChoiceScreen), ("f1", HelpScreen)):
            await pilot.press(key)
            assert isinstance(app.screen, kind), key
            await pilot.press("escape")
            assert app.screen is review, key
        await pilot.press("escape")
        assert app.screen is questions


async def test_the_key_line_fits_80_columns_and_a_click_presses_a_key(
    make_context: ContextFactory,
) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        for then in ("r", None):
            line = app.screen.query_one(KeyLine)
            text = str(line.render())
            assert len(text.rstrip()) <= 80
            assert text.count(" q Quit") == 1  # each key once
            assert text.rstrip().endswith("^p palette")
            if then:
                await pilot.press(then)
        line = app.screen.query_one(KeyLine)
        start = str(line.render()).index("esc Back")
        await pilot.click(KeyLine, offset=(start + 1, 0))
        assert isinstance(app.screen, QuestionScreen)
        assert " r Review" in str(app.screen.query_one(KeyLine).render())


REWORDED = {
    "ci-builds": pick("ci-builds", 2, text="Some of them"),  # the model now says "Some"
    "ci-gate": pick("ci-gate", 2),
    "tracking-runs": pick("tracking-runs", 3),
    "tracking-compare": pick("tracking-compare", 1),
}


async def test_an_answer_the_model_changed_is_shown_and_never_kept_in_bulk(
    make_context: ContextFactory, saved: Callable[..., Path], root: Path
) -> None:
    previous = saved(answers=REWORDED, complete=True, on=date(2026, 8, 14))
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await pilot.press("c")
        dialog = app.screen
        assert isinstance(dialog, ConfirmCarriedScreen)
        shown = " ".join(str(s.render()) for s in dialog.query(Static))
        assert "Not kept by y: 1 answer" in shown
        assert "Some of them" in shown and "now 'Some'" in shown
        await pilot.press("y")
        current = next(p for p in root.rglob("*.json") if p != previous)
        carried = load_assessment(current)
        assert carried.answer("ci-gate").confirmed
        assert carried.answer("ci-builds").text == "Some of them"  # left as it was given
        assert not carried.answer("ci-builds").confirmed
        assert screen.position.question.id == "ci-builds"  # the next open one
        source = str(screen.query_one("#source", Static).render())
        assert "The model changed since this was answered" in source

        await pilot.press("r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        summary = str(review.query_one("#summary", Static).render())
        assert "3 of 4 answered, 2 not yet confirmed, 1 to choose again" in summary
        title = str(review.query_one("#open-title", Label).render())
        assert "1 to choose again" in title
        await pilot.press("f")
        question = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "left out of the score until chosen again" in question
        await pilot.press("n", "escape")

        await pilot.press("right", "right")  # experiment tracking
        assert screen.position.question.id == "tracking-runs"
        await pilot.press("c", "y")  # its two are kept; ci-builds stays open
        assert screen.position.question.id == "ci-builds"
        await pilot.press("enter")  # the person decides: "Some", as the model words it now
        answer = load_assessment(current).answer("ci-builds")
        assert (answer.text, answer.confirmed) == ("Some", True)
