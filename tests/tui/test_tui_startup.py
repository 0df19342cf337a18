"""What the questionnaire puts off until its first screen is painted."""

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from click.testing import CliRunner
from textual.geometry import Spacing

from assess import collector
from assess.cli import cli
from assess.tui.app import AssessApp
from assess.tui.screens.questions import QuestionScreen
from assess.tui.screens.start import StartScreen
from assess.tui.widgets.notes import NoteField
from assess.tui.widgets.question import ChoiceList, NoteSpot, QuestionView
from tests.conftest import pick

from .conftest import DATA, ContextFactory


async def test_collection_resumes_once_the_first_screen_is_painted(
    make_context: ContextFactory,
) -> None:
    assert gc.isenabled()
    gc.unfreeze()
    collector.pause()
    try:
        assert not gc.isenabled() and collector.paused()
        app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
        async with app.run_test() as pilot:
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen)
            assert gc.isenabled() and not collector.paused()
            # What start-up made is left out of later collections.
            assert gc.get_freeze_count() > 0
    finally:
        collector.resume()
        gc.unfreeze()
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
    frozen = gc.get_freeze_count()
    args = ["fill", "--questionnaires", str(DATA), "--questionnaire", "tiny"]
    result = CliRunner().invoke(cli, [*args, "--dir", str(tmp_path), "--respondent", "Kim"])
    assert result.exit_code != 0 and "--team" in result.stderr
    assert gc.isenabled() and not collector.paused()
    assert gc.get_freeze_count() == frozen  # nothing was started: nothing to keep


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


async def test_the_notes_fields_are_made_when_they_come_into_view(
    make_context: ContextFactory, saved: Callable[..., Path], root: Path
) -> None:
    """Below the fold of a small terminal, spots of their size stand in for them."""
    note = "two repos\n\nand a third line, long enough to wrap in the narrow field at least once"
    path = saved(answers={"ci-builds": pick("ci-builds", 2, note=note)})
    app = AssessApp(make_context(resume=path))
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await pilot.press("left")  # ci-builds, the answered question
        await pilot.pause()
        view = screen.query_one(QuestionView)
        assert view.notes is None and not screen.query(NoteField)
        spot = screen.query_one("#note-spot", NoteSpot)
        assert "two repos" in str(spot.render())
        assert not view.content_region.overlaps(spot.region)
        height = spot.region.height
        assert height >= 4
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        field = screen.query_one("#note", NoteField)
        assert view.notes is not None and view.notes[0] is field
        assert field.text == note and not screen.query(NoteSpot)
        assert field.region.height == height  # the spot was the field's size


async def test_tab_from_the_answers_goes_into_the_note(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.query(NoteField)
        await pilot.press("tab", *"typed", "tab", *"ev")
        await pilot.pause()
        note = screen.query_one("#note", NoteField)
        evidence = screen.query_one("#evidence", NoteField)
        assert (note.text, evidence.text) == ("typed", "ev")
        assert screen.focused is evidence


async def test_notes_in_view_at_start_are_fields(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert len(app.screen.query(NoteField)) == 2 and not app.screen.query(NoteSpot)


async def test_a_larger_terminal_brings_the_notes_fields(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="devops-mlops"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query(NoteField)
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        assert len(app.screen.query(NoteField)) == 2 and not app.screen.query(NoteSpot)


def _start_styles(app: AssessApp) -> list[str]:
    return [path for path, _ in app.stylesheet.source if path.endswith("start.tcss")]


async def test_the_start_screens_styles_are_read_only_where_it_is_shown(
    make_context: ContextFactory,
) -> None:
    """Read with the app's own when the app opens on it (once, not again as it is shown), never
    when the app opens on the questions."""
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert _start_styles(app) == []
    app = AssessApp(make_context())
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert _start_styles(app) == [str(AssessApp.START_CSS)]
        assert app.screen.query_one("#start").styles.padding == Spacing(0, 1, 0, 1)


class Frame(NamedTuple):
    shown: bool
    """False for a frame drawn while Textual holds its output back (as it starts)."""
    question: bool
    answers: bool
    """The question's answers were laid out in it."""


def _noting_frames(app: AssessApp) -> list[Frame]:
    """Each frame Textual draws from now on."""
    frames: list[Frame] = []
    display = app._display

    def noted(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            choices = screen.query(ChoiceList)
            answers = bool(choices) and bool(choices[0].option_count and choices[0].size.height)
            frames.append(Frame(not app._batch_count, isinstance(screen, QuestionScreen), answers))

    app._display = noted  # type: ignore[method-assign]
    return frames


async def test_the_first_frame_shows_the_question_with_its_answers(
    make_context: ContextFactory,
) -> None:
    """Nothing is drawn only to be thrown away while Textual starts, and the question's first
    frame has its answers (they used to follow in a second frame, at the first resize)."""
    for size in ((80, 24), (160, 50)):
        app = AssessApp(make_context(team="Payments", questionnaire="devops-mlops"))
        frames = _noting_frames(app)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
        assert all(frame.shown for frame in frames)
        assert next(frame for frame in frames if frame.question).answers
