"""The PDF export appears only with an exporter; a failed save is shown, not hidden."""

from pathlib import Path

from assess.domain.assessment import Assessment
from assess.domain.questionnaire import Questionnaire
from assess.errors import AssessError
from assess.files.store import AssessmentStore
from assess.tui.app import AssessApp
from assess.tui.context import FillContext
from assess.tui.screens.dialogs import PathScreen
from assess.tui.screens.review import ReviewScreen

from .conftest import ContextFactory


def titles(app: AssessApp) -> set[str]:
    return {command.title for command in app.get_system_commands(app.screen)}


async def test_no_export_without_an_exporter(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny")._replace(export_pdf=None))
    async with app.run_test() as pilot:
        assert "Review" in titles(app)
        await pilot.press("r")
        assert isinstance(app.screen, ReviewScreen)
        assert "x" not in app.active_bindings
        assert "Export PDF" not in titles(app)
        assert "Finish" in titles(app)
        await pilot.press("x")
        assert isinstance(app.screen, ReviewScreen)


async def test_export_calls_the_exporter_and_shows_the_path(
    make_context: ContextFactory, tmp_path: Path
) -> None:
    calls: list[tuple[Assessment, Path]] = []

    def export(
        questionnaire: Questionnaire, assessment: Assessment, path: Path, replace: bool = False
    ) -> Path:
        assert questionnaire.id == "tiny"
        calls.append((assessment, path))
        return path

    context = make_context(team="Payments", questionnaire="tiny")._replace(export_pdf=export)
    app = AssessApp(context)
    async with app.run_test() as pilot:
        await pilot.press("2", "r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert "Export PDF" in titles(app)
        await pilot.press("x", "d")  # not finished: export a draft
        assert isinstance(app.screen, PathScreen)
        field = app.screen.query_one("#path")
        proposed = review.session.path.with_suffix(".pdf")
        assert getattr(field, "value", None) == str(proposed)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [(a.answers["ci-builds"].choice, p) for a, p in calls] == [("some", proposed)]
        status = review.query_one("#export-status")
        assert f"PDF report written to {proposed}" in str(status.render())


def failing(context: FillContext) -> FillContext:
    """The same context, but the disk refuses every write after the first."""
    assert context.opened is not None
    store = context.opened.store
    assert isinstance(store, AssessmentStore)

    def refuse(_: Assessment) -> Assessment:
        raise AssessError("assessments/x.json: cannot be written (No space left on device)")

    setattr(store, "_save", refuse)  # noqa: B010 (the real store, with a full disk)
    return context


async def test_a_failed_save_is_shown_and_not_pretended(make_context: ContextFactory) -> None:
    app = AssessApp(failing(make_context(team="Payments", questionnaire="tiny")))
    async with app.run_test() as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert app.session is not None
        assert app.session.assessment.answers == {}  # what the screen shows is what is on disk
        assert app.screen.position.question.id == "ci-builds"  # type: ignore[attr-defined]
        assert any("No space left" in n.message for n in app._notifications)
