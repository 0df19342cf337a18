"""What the questionnaire puts off until its first screen is painted."""

import gc
from pathlib import Path

from click.testing import CliRunner

from assess import collector
from assess.cli import cli
from assess.tui.app import AssessApp
from assess.tui.screens.questions import QuestionScreen

from .conftest import DATA, ContextFactory


async def test_collection_resumes_once_the_first_screen_is_painted(
    make_context: ContextFactory,
) -> None:
    assert gc.isenabled()
    collector.pause()
    try:
        assert not gc.isenabled() and collector.paused()
        app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
        async with app.run_test() as pilot:
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen)
            assert gc.isenabled() and not collector.paused()
    finally:
        collector.resume()
    assert gc.isenabled()


async def test_an_app_not_paused_leaves_collection_alone(make_context: ContextFactory) -> None:
    gc.disable()
    try:
        app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
        async with app.run_test() as pilot:
            await pilot.pause()
            assert not gc.isenabled()  # turned off by someone else: theirs to turn on
    finally:
        gc.enable()


def test_collection_resumes_when_the_command_fails_before_the_app(tmp_path: Path) -> None:
    args = ["fill", "--questionnaires", str(DATA), "--questionnaire", "tiny"]
    result = CliRunner().invoke(cli, [*args, "--dir", str(tmp_path), "--respondent", "Kim"])
    assert result.exit_code != 0 and "--team" in result.stderr
    assert gc.isenabled() and not collector.paused()


async def test_the_question_screen_starts_with_its_breakpoint_class(
    make_context: ContextFactory,
) -> None:
    """Set before the screen is shown (so its first resize restyles nothing), as the resize
    sets it."""
    for size, shown, not_shown in (((80, 24), "-narrow", "-wide"), ((160, 50), "-wide", "-narrow")):
        app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert app.screen.has_class(shown) and not app.screen.has_class(not_shown)
            await pilot.resize_terminal(*((160, 50) if shown == "-narrow" else (80, 24)))
            await pilot.pause()
            assert app.screen.has_class(not_shown) and not app.screen.has_class(shown)
