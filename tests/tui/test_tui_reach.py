"""At 80x24 every answer can be seen before it is chosen, and every key says what it did."""

from pathlib import Path

from textual.pilot import Pilot

from assess.domain.assessment import Answer
from assess.files.assessments import load_assessment
from assess.tui.app import AssessApp, Outcome
from assess.tui.screens.help import HelpScreen
from assess.tui.screens.questions import QuestionScreen
from assess.tui.widgets.notes import NoteField
from assess.tui.widgets.question import ChoiceList, QuestionView
from tests.conftest import pick

from .conftest import ContextFactory

SMALL = (80, 24)


def highlight_is_visible(screen: QuestionScreen) -> bool:
    """The highlighted answer's lines lie inside the part of the question view on screen."""
    choices = screen.query_one(ChoiceList)
    view = screen.query_one(QuestionView)
    highlighted = choices.highlighted
    assert highlighted is not None
    top = choices.content_region.y + choices._index_to_line[highlighted]
    bottom = top + choices._heights[highlighted]
    return view.content_region.y <= top and bottom <= view.content_region.bottom


def highlight_in_scroll_window(screen: QuestionView, choices: ChoiceList) -> bool:
    """The same as highlight_is_visible, from the scroll position, without a repaint."""
    highlighted = choices.highlighted
    assert highlighted is not None
    top = choices.virtual_region.y + choices._index_to_line[highlighted]
    bottom = top + choices._heights[highlighted]
    window = screen.scrollable_content_region.height
    return screen.scroll_y <= top and bottom <= screen.scroll_y + window


async def test_every_answer_of_the_default_model_scrolls_into_view(
    make_context: ContextFactory,
) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="devops-mlops"))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        choices = screen.query_one(ChoiceList)
        view = screen.query_one(QuestionView)
        for position in screen.session.positions:
            screen.go_to(position.index)
            await pilot.pause()
            assert highlight_is_visible(screen), position.question.id
            # What Down does, answer by answer (keys and repaints for all 93 questions would
            # make this the slowest test of the suite).
            for index in range(1, choices.option_count):
                choices.highlighted = index
                assert highlight_in_scroll_window(view, choices), (position.question.id, index)
            choices.highlighted = 0
            assert highlight_in_scroll_window(view, choices)


async def test_down_and_end_keep_the_answer_on_screen(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="devops-mlops"))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await pilot.press("right", "right")  # the question with the longest answers
        choices = screen.query_one(ChoiceList)
        for _ in range(choices.option_count - 1):
            await pilot.press("down")
            assert highlight_is_visible(screen), choices.highlighted
        assert choices.highlighted == choices.option_count - 1  # "Don't know"
        await pilot.press("home")
        assert choices.highlighted == 0 and highlight_is_visible(screen)
        await pilot.press("end")
        assert highlight_is_visible(screen)


async def test_page_keys_scroll_the_question_and_notes_come_into_view(
    make_context: ContextFactory,
) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="devops-mlops"))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await pilot.press("right", "right")  # "What must pass before a change can be merged"
        await pilot.pause()
        view = screen.query_one(QuestionView)
        assert view.max_scroll_y > 0  # longer than the terminal
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.press("e")
        await pilot.pause()
        note = screen.query_one("#note", NoteField)
        assert screen.focused is note
        assert view.content_region.contains_region(note.region)


async def test_impossible_keys_say_so(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("9")  # ci-builds has three answers
        await pilot.press("n")  # and is not "not applicable"
        await pilot.press("left")  # the first question
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("answers 1 to 3 only" in m for m in messages)
        assert any("not applicable is not offered" in m for m in messages)
        assert any("first question" in m for m in messages)
        assert app.screen.position.question.id == "ci-builds"  # type: ignore[attr-defined]


async def test_u_starts_at_the_current_question_and_says_when_none_is_left(
    make_context: ContextFactory,
) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await pilot.press("u")  # ci-builds itself is unanswered
        assert screen.position.question.id == "ci-builds"
        await pilot.press("1", "left", "u")  # back on the answered one: on to ci-gate
        assert screen.position.question.id == "ci-gate"
        await pilot.press("1", "1", "1")  # the last answer opens the review
        await pilot.press("escape", "u")
        await pilot.pause()
        assert any("Every question is answered" in n.message for n in app._notifications)


async def help_keys(pilot: Pilot[Outcome]) -> list[str]:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return [key for key, _ in screen.keys]


async def test_help_lists_every_key_once_and_escape_closes_it(
    make_context: ContextFactory,
) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        questions = app.screen
        await pilot.press("f1")
        keys = await help_keys(pilot)
        assert len(keys) == len(set(keys))
        for key in ("1-9", "Home, End", "PageUp, PageDown", "n", "d", "u", "c", "e", "s", "r"):
            assert key in keys, key
        assert not any(key in keys for key in "23456789")  # the digits are one line
        await pilot.press("escape")
        assert app.screen is questions
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("r", "f1")
        keys = await help_keys(pilot)
        for key in ("+ -", "f", "x", "Escape, b"):
            assert key in keys, key
        await pilot.press("escape", "escape")  # help, then the review
        assert app.screen is questions


async def test_every_footer_key_is_in_the_help(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        for _ in ("questions", "review"):
            screen = app.screen
            helped = " ".join(k for k, _ in getattr(screen, "KEY_HELP", ()))
            for binding in screen.BINDINGS:
                key = getattr(binding, "key", "")
                first = key.split(",")[0]
                if first in ("escape", "plus", "minus", "right", "left") or first in "23456789":
                    continue  # listed in words or arrows, or as 1-9
                assert first[0] in helped, first
            await pilot.press("r")


async def test_a_note_opens_with_the_cursor_at_its_end_and_undo_works(
    make_context: ContextFactory, saved: object, root: Path
) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await pilot.press("e", *"two repos", "escape")
        await pilot.press("right", "left", "e", *" left")
        note = screen.query_one("#note", NoteField)
        assert note.text == "two repos left"  # appended, nothing replaced
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert note.text == "two repos"
        await pilot.press("enter", *"second line", "escape")
        await pilot.pause()
        assert note.region.height >= 2  # the whole note shows
    files = list(root.rglob("*.json"))
    assert load_assessment(files[0]).answer("ci-builds") == Answer(note="two repos\nsecond line")


async def test_ctrl_c_quits_with_everything_saved(make_context: ContextFactory, root: Path) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2", "ctrl+c")
    assert app.return_value is not None
    assert load_assessment(app.return_value.path).answer("ci-builds") == pick("ci-builds", 2)


async def test_the_palette_finds_a_dimension_by_a_word_and_jumps_to_its_first_open_question(
    make_context: ContextFactory,
) -> None:
    from textual.command import CommandList, CommandPalette

    app = AssessApp(make_context(team="Payments", questionnaire="devops-mlops"))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        monitoring = next(
            p for p in screen.session.positions if p.dimension.title.startswith("Monitoring")
        )
        screen.go_to(monitoring.index)
        await pilot.press("1")  # its first question answered: the jump lands on the second
        screen.go_to(0)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"monitoring")
        await pilot.pause(0.5)
        results = app.screen.query_one(CommandList)
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert any(p.startswith("Dimension Monitoring") for p in prompts), prompts
        assert any(p.startswith("Question ") for p in prompts)
        await pilot.press("enter")  # the dimension scores highest: it is first
        await pilot.pause()
        assert app.screen is screen
        assert screen.position.index == monitoring.index + 1
        await pilot.press("ctrl+p", "escape")  # Escape closes the palette
        assert app.screen is screen
