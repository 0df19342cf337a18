"""The review screen's PDF export never writes over an assessment and asks before replacing."""

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from assess.domain.assessment import Assessment
from assess.domain.questionnaire import Questionnaire
from assess.report import gap_report
from assess.tui.app import AssessApp
from assess.tui.screens.dialogs import ConfirmScreen, PathScreen

from .conftest import ContextFactory


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real exporter from cli, with the PDF rendering itself replaced by a stand-in."""

    def write(_: Questionnaire, __: Assessment, path: Path, **___: object) -> None:
        path.write_bytes(b"%PDF-1.7 new")

    monkeypatch.setattr(gap_report, "export_pdf", write)


async def export_to(app: AssessApp, pilot: Pilot[Any], target: Path) -> None:
    await pilot.press("x", "d")  # not finished: a draft
    assert isinstance(app.screen, PathScreen)
    app.screen.query_one("#path", Input).value = str(target)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_refuses_the_assessment_file(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test() as pilot:
        await pilot.press("2", "r")
        assert app.session is not None
        assessment = app.session.path
        before = assessment.read_bytes()
        await export_to(app, pilot, assessment)
        assert any("refusing to write over an assessment" in n.message for n in app._notifications)
        assert assessment.read_bytes() == before


async def test_export_asks_before_replacing_a_file(
    make_context: ContextFactory, tmp_path: Path
) -> None:
    target = tmp_path / "old.pdf"
    target.write_bytes(b"%PDF-1.7 old")
    app = AssessApp(make_context(team="Payments", questionnaire="tiny"))
    async with app.run_test() as pilot:
        await pilot.press("2", "r")
        await export_to(app, pilot, target)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await app.workers.wait_for_complete()
        assert target.read_bytes() == b"%PDF-1.7 old"
        await export_to(app, pilot, target)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_bytes() == b"%PDF-1.7 new"
