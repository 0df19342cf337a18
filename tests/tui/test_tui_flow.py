"""Pilot flows: keys in, assessment files out."""

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from assess.domain.assessment import Answer, Assessment
from assess.files.assessments import load_assessment
from assess.tui.app import AssessApp, Outcome
from assess.tui.screens.dialogs import ConfirmScreen
from assess.tui.screens.questions import QuestionScreen
from assess.tui.screens.review import ReviewScreen
from assess.tui.screens.start import StartScreen
from assess.tui.widgets.question import ChoiceList
from tests.conftest import pick

from .conftest import TODAY, ContextFactory


def only_file(root: Path) -> Path:
    files = sorted(root.rglob("*.json"))
    assert len(files) == 1, files
    return files[0]


def on_disk(root: Path) -> Assessment:
    return load_assessment(only_file(root))


async def test_whole_questionnaire_with_keys_only(make_context: ContextFactory, root: Path) -> None:
    app = AssessApp(make_context(team="Payments", assessor="Ana", questionnaire="tiny"))
    async with app.run_test() as pilot:
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("e", *"flaky tests", "escape")  # a note on ci-builds
        await pilot.press("2")  # ci-builds: Some (and on to the next question)
        await pilot.press("down", "enter")  # ci-gate: Yes, by arrow and Enter
        await pilot.press("n")  # tracking-runs: not applicable
        await pilot.press("d")  # tracking-compare: don't know, then the review
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f")  # nothing is open: finishes without asking
        await pilot.press("n")  # the PDF can wait
        assert isinstance(app.screen, ReviewScreen)  # finishing does not quit
        await pilot.press("q")
    saved = on_disk(root)
    assert saved.team == "Payments"
    assert saved.assessors == ["Ana"]
    assert saved.date == TODAY
    assert saved.status == "complete"
    assert saved.answers == {
        "ci-builds": pick("ci-builds", 2, note="flaky tests"),
        "ci-gate": pick("ci-gate", 2),
        "tracking-runs": Answer(skip="not-applicable"),
        "tracking-compare": Answer(skip="dont-know"),
    }
    assert isinstance(app.return_value, Outcome)
    assert app.return_value.assessment == saved
    assert app.return_value.path == only_file(root)


async def test_every_key_is_on_disk_before_the_next(
    make_context: ContextFactory, root: Path
) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test() as pilot:
        # No file until the first answer (quitting at once leaves nothing behind).
        assert list(root.rglob("*.json")) == []
        await pilot.press("3")
        assert on_disk(root).answers == {"ci-builds": pick("ci-builds", 3)}
        await pilot.press("left", "1")  # change it
        assert on_disk(root).answers == {"ci-builds": pick("ci-builds", 1)}
        await pilot.press("e", "o")
        assert on_disk(root).answer("ci-gate").note == "o"
        await pilot.press("k")
        assert on_disk(root).answer("ci-gate").note == "ok"
        await pilot.press("tab", "s")  # the evidence field
        assert on_disk(root).answer("ci-gate").evidence == "s"
        await pilot.press("backspace")
        assert on_disk(root).answer("ci-gate").evidence == ""
        await pilot.press("escape", "2")
        assert on_disk(root).answer("ci-gate") == pick("ci-gate", 2, note="ok")
        await pilot.press("q")
    assert on_disk(root).status == "in-progress"


async def test_resume_opens_at_the_first_unanswered_question(
    make_context: ContextFactory, saved: Callable[..., Path], root: Path
) -> None:
    path = saved(
        answers={"ci-builds": pick("ci-builds", 1), "tracking-runs": pick("tracking-runs", 2)}
    )
    app = AssessApp(make_context(resume=path))
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.position.question.id == "ci-gate"
        await pilot.press("1")  # ci-gate, then on to tracking-runs (answered)
        assert screen.position.question.id == "tracking-runs"
        await pilot.press("u")  # next unanswered: tracking-compare
        assert screen.position.question.id == "tracking-compare"
        await pilot.press("q")
    assert only_file(root) == path  # no second file
    assert set(load_assessment(path).answers) == {"ci-builds", "ci-gate", "tracking-runs"}
    assert isinstance(app.return_value, Outcome)
    assert app.return_value.assessment.status == "in-progress"


async def test_start_screen_resumes_an_in_progress_assessment(
    make_context: ContextFactory, saved: Callable[..., Path]
) -> None:
    saved(team="Search", answers={"ci-builds": pick("ci-builds", 1)}, complete=True)
    path = saved(team="Payments", answers={"ci-builds": pick("ci-builds", 1)})
    app = AssessApp(make_context(questionnaire="tiny"))
    async with app.run_test() as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press("enter")  # the in-progress list has the focus; only Payments is in it
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.session.path == path
        assert app.screen.position.question.id == "ci-gate"


async def test_start_screen_creates_a_new_assessment(
    make_context: ContextFactory, root: Path
) -> None:
    app = AssessApp(make_context(questionnaire="tiny"))
    async with app.run_test() as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press("enter")  # no team yet: refused, the focus stays on the team
        assert isinstance(app.screen, StartScreen)
        await pilot.press(*"Data Platform", "enter", *"Ana", "enter")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.position.question.id == "ci-builds"
        assert list(root.rglob("*.json")) == []  # created by the first answer
        await pilot.press("2")
    saved = on_disk(root)
    assert (saved.team, saved.assessors, saved.questionnaire) == ("Data Platform", ["Ana"], "tiny")
    assert only_file(root).name == "2026-11-20-tiny.json"


async def test_new_assessment_starts_from_the_latest_complete_one(
    make_context: ContextFactory, saved: Callable[..., Path], root: Path
) -> None:
    from datetime import date

    answers = {
        "ci-builds": pick("ci-builds", 2, note="two repos left"),
        "ci-gate": pick("ci-gate", 1),
    }
    previous = saved(answers=answers, complete=True, on=date(2026, 8, 14))
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.position.question.id == "ci-builds"  # the first not yet confirmed
        await pilot.press("enter")  # confirm the carried-over answer as it is
        assert screen.position.question.id == "ci-gate"
    new = next(p for p in root.rglob("*.json") if p != previous)
    carried = load_assessment(new)
    assert carried.status == "in-progress"
    assert carried.answer("ci-builds") == pick(
        "ci-builds", 2, note="two repos left", source="", confirmed=True
    )
    assert carried.answer("ci-gate").source == "carried over from 2026-08-14"


async def test_review_edits_targets_and_finishes_after_confirmation(
    make_context: ContextFactory, root: Path
) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test() as pilot:
        await pilot.press("4")  # ci-builds: out of range, says so
        await pilot.press("3", "r")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("plus")  # ci: model target 4 → 5
        assert on_disk(root).targets == {"ci": 5}
        await pilot.press("plus")  # already at the top level
        assert on_disk(root).targets == {"ci": 5}
        await pilot.press("down", "down", "minus", "minus")  # past its area's row; tracking: 3 → 1
        assert on_disk(root).targets == {"ci": 5, "tracking": 1}
        await pilot.press("f")  # three questions are open: asks first
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert on_disk(root).status == "in-progress"
        await pilot.press("f", "y")
    assert on_disk(root).status == "complete"
    assert on_disk(root).answers == {"ci-builds": pick("ci-builds", 3)}


async def test_review_jumps_to_an_unanswered_question(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test() as pilot:
        await pilot.press("r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("tab", "down", "enter")  # the second unanswered question
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.position.question.id == "ci-gate"
        await pilot.press("r", "escape")  # back where we were
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.position.question.id == "ci-gate"


async def test_back_from_review_shows_the_last_answer(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test() as pilot:
        await pilot.press("right", "right", "right", "2")  # the last answer opens the review
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.position.question.id == "tracking-compare"
        chosen = screen.query_one(ChoiceList).get_option("choice-2").prompt
        assert "●" in str(chosen)


async def test_start_screen_lists_the_files_it_left_out(
    make_context: ContextFactory, saved: Callable[..., Path], root: Path
) -> None:
    good = saved(team="Payments", answers={"ci-builds": pick("ci-builds", 1)})
    text = good.read_text()
    broken = {
        "truncated.json": text[: len(text) // 2],
        "naive.json": text.replace("+00:00", "").replace("Z", ""),
        "huge.json": text.replace(
            '"answers": {', f'"targets": {{"ci": {"9" * 5000}}}, "answers": {{'
        ),
    }
    for name, content in broken.items():
        (good.parent / name).write_text(content)
    app = AssessApp(make_context(questionnaire="tiny"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        shown = [str(s.render()) for s in app.screen.query("#damaged .hint")]
        assert len(shown) == 3
        for name in broken:
            assert any(name in line for line in shown), (name, shown)
        assert "3 files left out" in str(app.screen.query_one("#damaged .panel-title").render())
        await pilot.press("enter")  # the good one is still listed and opens
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.session.path == good


async def test_opening_a_team_with_an_unfinished_assessment_offers_to_continue(
    make_context: ContextFactory, saved: Callable[..., Path], root: Path
) -> None:
    path = saved(team="Payments", answers={"ci-builds": pick("ci-builds", 1)})
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Payments has an unfinished assessment of tiny" in app.screen.question
        await pilot.press("y")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.session.path == path
    assert only_file(root) == path


async def test_starting_new_instead_writes_nothing_until_the_first_answer(
    make_context: ContextFactory, saved: Callable[..., Path], root: Path
) -> None:
    path = saved(team="Payments", answers={"ci-builds": pick("ci-builds", 1)})
    app = AssessApp(make_context(questionnaire="tiny"))
    async with app.run_test() as pilot:
        app.screen.query_one("#team", Input).value = "Payments"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # start a new one after all
        assert isinstance(app.screen, QuestionScreen)
        assert sorted(root.rglob("*.json")) == [path]
        await pilot.press("3")
    assert len(sorted(root.rglob("*.json"))) == 2
