"""Scoping out a whole area from the question screen, once, and bringing it back in the review."""

from pathlib import Path

from assess.files.assessments import load_assessment
from assess.tui.app import AssessApp
from tests.tui.conftest import DATA


def scopeable_model(folder: Path) -> None:
    """tiny with its ML area marked as one a team may scope out, as its own questionnaire."""
    text = (DATA / "tiny.yaml").read_text()
    marker = "    title: Machine learning\n"
    assert marker in text
    text = text.replace("id: tiny\n", "id: scoped\n", 1).replace(
        marker,
        marker
        + '    scope_out:\n      question: "Does this team build ML models?"\n'
        + '      reason: "builds no ML models"\n',
    )
    (folder / "scoped.yaml").write_text(text)


async def test_o_scopes_out_the_area_with_its_reason_and_review_brings_it_back(
    tmp_path: Path, root: Path
) -> None:
    from assess.cli.fill import fill_context
    from tests.tui.conftest import clock

    folder = tmp_path / "models"
    folder.mkdir()
    scopeable_model(folder)
    context = fill_context([folder], "scoped", "Payments", "A. Rivera", None, root, now=clock)
    app = AssessApp(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "1")  # the two build questions
        await pilot.pause()
        await pilot.press("o")  # on the first ML question: scope the ML area out
        await pilot.pause()
        await pilot.press("enter")  # keep the proposed reason
        await pilot.pause()
        path = next(root.rglob("*.json"))
        assert load_assessment(path).scoped_out == {"ml": "builds no ML models"}
        assert type(app.screen).__name__ == "ReviewScreen"  # nothing left to answer
        await pilot.press("o", "y")
        await pilot.pause()
        assert load_assessment(path).scoped_out == {}
