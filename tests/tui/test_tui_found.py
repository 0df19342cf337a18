"""What the scan found, beside the question at 80x24: the block, `a` to take the suggestion, the
≠ mark of an answer that differs (as in the report's "Claims to check")."""

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Static

from assess.domain.assessment import Answer
from assess.domain.claims import claims_to_check
from assess.domain.evidence import Finding, Hit, RepositoryResult
from assess.domain.questionnaire import Questionnaire
from assess.files.assessments import load_assessment, save_assessment
from assess.tui.app import AssessApp
from assess.tui.screens.questions import QuestionScreen
from assess.tui.widgets.question import ChoiceList, QuestionView
from assess.tui.widgets.sidebar import DimensionList
from tests.conftest import pick

from .conftest import NOW, ContextFactory
from .test_tui_reach import SMALL, highlight_is_visible

SCANNED = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)
Snap = Callable[..., bool]


def finding(question: str, suggests: str | None, rule: str, *paths: str) -> Finding:
    return Finding(
        question=question,
        rule=rule,
        summary=f"{rule}: {len(paths)} matching files in 1 of 2 repositories",
        suggests=suggests,
        repositories=[
            RepositoryResult(
                repository="api",
                matched=True,
                hits=[Hit(path=p, line=n) for n, p in enumerate(paths, start=3)],
                passed=len(paths),
            ),
            RepositoryResult(repository="ledger", matched=False),
        ],
        scanned_at=SCANNED,
    )


FOUND = {
    # tiny's ci-builds choices: none, some, all
    "ci-builds": [
        finding("ci-builds", None, "ci-config", ".github/workflows/ci.yml"),
        finding("ci-builds", "some", "ci-test-step", ".github/workflows/ci.yml", "a.yml", "b.yml"),
    ],
    "ci-gate": [finding("ci-gate", None, "evidence-only", "CODEOWNERS")],
}


def scanned(saved: Callable[..., Path], answers: dict[str, Answer] | None = None) -> Path:
    path = saved(answers=answers or {})
    save_assessment(load_assessment(path).with_findings(FOUND, NOW), path)
    return path


def found_text(screen: QuestionScreen) -> str:
    block = screen.query_one("#found", Static)
    return str(block.render()) if block.display else ""


def prompts(screen: QuestionScreen) -> list[str]:
    choices = screen.query_one(ChoiceList)
    return [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]


def ci_prompt(screen: QuestionScreen) -> str:
    sidebar = screen.query_one(DimensionList)
    return str(sidebar.get_option("ci").prompt)


async def test_the_found_block_is_shown_under_the_answers(
    make_context: ContextFactory, saved: Callable[..., Path]
) -> None:
    app = AssessApp(make_context(resume=scanned(saved)))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        text = found_text(screen)
        assert text.startswith("Found: scan of 2 repositories, 2026-11-19")
        # The suggesting finding first, a few files with lines, then the suggestion.
        assert text.index("ci-test-step") < text.index("ci-config")
        assert "api: .github/workflows/ci.yml:3, a.yml:4 and 1 more" in text
        assert "suggests 2 Some · a takes it" in text
        assert "≠" not in text  # unanswered: nothing to differ
        assert prompts(screen)[1].endswith("Some  ← found (a)")
        assert "← found" not in prompts(screen)[0] + prompts(screen)[2]
        assert highlight_is_visible(screen)
        # Everything reachable: the block comes into view with End.
        view = screen.query_one(QuestionView)
        view.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        block = screen.query_one("#found", Static)
        assert view.content_region.y <= block.region.y
        assert block.region.bottom <= view.content_region.bottom
        # A question without findings shows no block.
        await pilot.press("right", "right")
        assert found_text(screen) == ""


async def test_a_takes_the_suggestion_with_the_scan_as_source(
    make_context: ContextFactory, saved: Callable[..., Path]
) -> None:
    path = scanned(saved)
    app = AssessApp(make_context(resume=path))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        await pilot.press("a")
        answer = load_assessment(path).answer("ci-builds")
        assert (answer.choice, answer.source, answer.confirmed) == ("some", "scan", True)
        assert screen.position.question.id == "ci-gate"  # moved on, as a chosen answer does
        await pilot.press("left")
        assert "suggests 2 Some · taken: the scan is its source" in found_text(screen)
        assert prompts(screen)[1].endswith("Some  ← found")
        # Choosing the same answer again keeps the scan as its source.
        await pilot.press("2")
        assert load_assessment(path).answer("ci-builds").source == "scan"


async def test_a_confirms_a_carried_over_answer(
    make_context: ContextFactory, saved: Callable[..., Path]
) -> None:
    carried = pick("ci-builds", 3, confirmed=False, source="carried over from 2026-08-20")
    path = scanned(saved, {"ci-builds": carried})
    app = AssessApp(make_context(resume=path))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a")
        answer = load_assessment(path).answer("ci-builds")
        assert (answer.choice, answer.source, answer.confirmed) == ("some", "scan", True)


async def test_a_without_a_suggestion_says_why(
    make_context: ContextFactory, saved: Callable[..., Path]
) -> None:
    path = scanned(saved)
    app = AssessApp(make_context(resume=path))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        # Each message looked for at once: a notification expires after a few seconds.
        await pilot.press("right", "a")  # ci-gate: evidence only
        assert screen.position.question.id == "ci-gate"
        assert any("suggests no answer" in str(n.message) for n in app._notifications)
        await pilot.press("right", "a")  # tracking-runs: nothing found
        found_nothing = "found nothing for this question"
        assert any(found_nothing in str(n.message) for n in app._notifications)
        assert "ci-gate" not in load_assessment(path).answers


async def test_an_answer_that_differs_is_marked(
    make_context: ContextFactory, saved: Callable[..., Path], tiny: Questionnaire
) -> None:
    path = scanned(saved, {"ci-builds": pick("ci-builds", 3)})  # All: more than found
    app = AssessApp(make_context(resume=path))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        screen.go_to(0)
        await pilot.pause()
        assert "≠ your answer claims more than the files show" in found_text(screen)
        assert "≠ found" in prompts(screen)[2] and "← found" in prompts(screen)[1]
        assert ci_prompt(screen).endswith(" ≠")
        # Declined: a lower answer stands, stays marked, and is a claim to check.
        await pilot.press("1")
        await pilot.press("left")
        assert "≠ your answer differs from it" in found_text(screen)
        (claim,) = claims_to_check(tiny, load_assessment(path))
        assert (claim.question, claim.kind, claim.answered) == ("ci-builds", "declined", "None")
        # Taking the suggestion removes the marks.
        await pilot.press("a")
        assert ci_prompt(screen).endswith(" ≠") is False
        await pilot.press("left")
        assert "≠" not in found_text(screen) + "".join(prompts(screen))
        assert claims_to_check(tiny, load_assessment(path)) == []


def test_question_with_findings_80x24(
    snap_compare: Snap, make_context: ContextFactory, saved: Callable[..., Path]
) -> None:
    path = scanned(saved, {"ci-builds": pick("ci-builds", 3)})
    app = AssessApp(make_context(resume=path))
    assert snap_compare(app, press=("left",), terminal_size=SMALL)  # opens at ci-gate


async def test_the_review_counts_answers_backed_and_differing(
    make_context: ContextFactory, saved: Callable[..., Path]
) -> None:
    path = scanned(saved, {"ci-builds": pick("ci-builds", 3)})
    app = AssessApp(make_context(resume=path))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("r")
        await pilot.pause()
        summary = str(app.screen.query_one("#summary", Static).render())
        assert (
            "Scan: 0 answers backed by its evidence, 1 differs from it (≠: claims to check)"
            in summary
        )
        await pilot.press("escape", "left", "a", "r")
        await pilot.pause()
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "Scan: 1 answer backed by its evidence\n" in summary


async def test_text_from_the_repositories_reaches_the_terminal_escaped(
    make_context: ContextFactory, saved: Callable[..., Path]
) -> None:
    path = saved()
    hostile = finding("ci-builds", "some", "r", "[bold red]x[/]\x1b[2J.yml")
    hostile = hostile.model_copy(update={"summary": "r: [link=file:///etc]1[/link]\x07"})
    save_assessment(load_assessment(path).with_findings({"ci-builds": [hostile]}, NOW), path)
    app = AssessApp(make_context(resume=path))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        text = found_text(screen)
        assert "api: [bold red]x[/]\\x1b[2J.yml:3" in text
        assert "r: [link=file:///etc]1[/link]\\x07" in text
        assert "\x1b" not in text and "\x07" not in text
