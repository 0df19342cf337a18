"""A quarterly re-assessment: carried-over answers shown, confirmed a dimension at a time."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.widgets import Static

from assess.domain.assessment import Answer
from assess.files.assessments import load_assessment
from assess.tui.app import AssessApp
from assess.tui.screens.carried import ConfirmCarriedScreen
from assess.tui.screens.questions import QuestionScreen
from assess.tui.screens.review import ReviewScreen
from tests.conftest import pick

from .conftest import ContextFactory

LAST_QUARTER = {
    "ci-builds": pick("ci-builds", 2, note="two repos left"),
    "ci-gate": pick("ci-gate", 1),
    "tracking-runs": pick("tracking-runs", 3),
    "tracking-compare": Answer(skip="dont-know"),
}


def newest(root: Path, previous: Path) -> Path:
    return next(p for p in root.rglob("*.json") if p != previous)


async def test_confirming_a_dimensions_carried_over_answers(
    make_context: ContextFactory, saved: Callable[..., Path], root: Path
) -> None:
    previous = saved(answers=LAST_QUARTER, complete=True, on=date(2026, 8, 14))
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.position.question.id == "ci-builds"  # the first not yet confirmed
        await pilot.press("c")
        dialog = app.screen
        assert isinstance(dialog, ConfirmCarriedScreen)
        shown = " ".join(str(s.render()) for s in dialog.query(Static))
        assert "Which share of repositories build on every push?" in shown
        assert "Some" in shown and "No" in shown  # each answer as given
        await pilot.press("y")
        assert isinstance(app.screen, QuestionScreen)
        assert screen.position.question.id == "tracking-runs"  # on to the next open one
        carried = load_assessment(newest(root, previous))
        assert carried.answer("ci-builds") == pick("ci-builds", 2, note="two repos left")
        assert carried.answer("ci-gate") == pick("ci-gate", 1)
        assert not carried.answer("tracking-runs").confirmed

        await pilot.press("r")  # the review counts what is left to confirm
        review = app.screen
        assert isinstance(review, ReviewScreen)
        summary = str(review.query_one("#summary", Static).render())
        assert "4 of 4 answered, 2 not yet confirmed" in summary
        await pilot.press("escape", "c", "n")  # shown, then back: nothing confirmed
        assert not load_assessment(newest(root, previous)).answer("tracking-runs").confirmed
        await pilot.press("c", "y")  # the last dimension: nothing is open, on to the review
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape", "c")
        await pilot.pause()
        assert any("no carried-over answer left" in n.message for n in app._notifications)
    assert all(a.confirmed for a in load_assessment(newest(root, previous)).answers.values())


async def test_resume_opens_at_the_first_unconfirmed_answer(
    make_context: ContextFactory, saved: Callable[..., Path], root: Path
) -> None:
    previous = saved(answers=LAST_QUARTER, complete=True, on=date(2026, 8, 14))
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")  # ci-builds and ci-gate kept one by one
    assert app.session is not None
    app.session.store.close()  # as `assess fill` does on the way out: the lock goes
    resumed = newest(root, previous)
    app = AssessApp(make_context(resume=resumed))
    async with app.run_test(size=(80, 24)):
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.position.question.id == "tracking-runs"
