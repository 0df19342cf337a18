"""Two windows on one assessment: the second is told, reads only, or takes over; nothing is lost."""

from collections.abc import Callable
from pathlib import Path

from assess.files.assessments import load_assessment
from assess.tui.app import AssessApp
from assess.tui.screens.lock import OpenElsewhereScreen
from assess.tui.screens.questions import QuestionScreen
from tests.conftest import pick

from .conftest import ContextFactory

THREE = {"ci-builds": "none", "ci-gate": "yes", "tracking-runs": "in-a-tracking-server"}


def choices(path: Path) -> dict[str, str | None]:
    return {q: a.choice for q, a in load_assessment(path).answers.items()}


async def test_the_second_window_opens_read_only(
    make_context: ContextFactory, saved: Callable[..., Path]
) -> None:
    path = saved(answers={"ci-builds": pick("ci-builds", 1)})
    first = AssessApp(make_context(resume=path))
    second = AssessApp(make_context(resume=path))
    async with first.run_test() as one, second.run_test() as two:
        assert isinstance(first.screen, QuestionScreen)  # ci-gate, the first unanswered
        assert isinstance(second.screen, OpenElsewhereScreen)
        await two.press("r")
        assert isinstance(second.screen, QuestionScreen)
        await two.press("3")  # refused: read-only
        await two.pause()
        assert any("read-only" in n.message for n in second._notifications)
        assert second.session is not None and "ci-gate" not in second.session.assessment.answers
        await one.press("2")
        assert choices(path) == {"ci-builds": "none", "ci-gate": "yes"}


async def test_taking_over_merges_and_stops_the_first_window(
    make_context: ContextFactory, saved: Callable[..., Path]
) -> None:
    path = saved(answers={"ci-builds": pick("ci-builds", 1)})
    first = AssessApp(make_context(resume=path))
    second = AssessApp(make_context(resume=path))
    async with first.run_test() as one, second.run_test() as two:
        await one.press("2")  # ci-gate, before the second window takes over
        await two.press("t")
        assert isinstance(second.screen, QuestionScreen)
        await two.press("right", "3")  # tracking-runs: another question, merged
        assert choices(path) == {
            "ci-builds": "none",
            "ci-gate": "yes",
            "tracking-runs": "in-a-tracking-server",
        }
        await one.press("1")  # the first window was taken over: not saved, and it says so
        await one.pause()
        assert any("open in another window" in n.message for n in first._notifications)
    assert choices(path) == {
        "ci-builds": "none",
        "ci-gate": "yes",
        "tracking-runs": "in-a-tracking-server",
    }


async def test_the_same_answer_changed_in_both_windows_is_refused_by_name(
    make_context: ContextFactory, saved: Callable[..., Path]
) -> None:
    path = saved(answers={"ci-builds": pick("ci-builds", 1)})
    first = AssessApp(make_context(resume=path))
    second = AssessApp(make_context(resume=path))
    async with first.run_test() as one, second.run_test() as two:
        await one.press("2")  # ci-gate
        await two.press("t", "1")  # ci-gate too, from a window that had not seen the first answer
        await two.pause()
        messages = [n.message for n in second._notifications]
        assert any("the answer to 'ci-gate' changed elsewhere" in m for m in messages), messages
        assert second.session is not None
        assert second.session.assessment.answer("ci-gate") == pick("ci-gate", 2)  # shown as on disk
    assert choices(path) == {"ci-builds": "none", "ci-gate": "yes"}
