"""Text from files reaches the screen in its visible form and never as markup: team names,
questionnaire titles, ids shown, question, help, choice and level texts, notes, the warning on
opening, on the start, question and review screens. What the app would paint is read from its
screenshot, which holds every character the screen shows."""

import json
from datetime import date
from pathlib import Path

from assess.cli import fill_context
from assess.domain.assessment import new_assessment
from assess.files.assessments import save_assessment, standard_path
from assess.files.questionnaires import load_questionnaire
from assess.tui.app import AssessApp
from assess.tui.screens.questions import QuestionScreen
from assess.tui.screens.review import ReviewScreen
from assess.tui.screens.start import StartScreen
from assess.tui.widgets.notes import NoteField
from tests.conftest import pick
from tests.hostile import HOSTILE, RAW, SHOWN, hostile_model

from .conftest import DATA, NOW, clock

# The opening of HOSTILE as visible() shows it: no space in it, so the screenshot keeps it whole.
SHOWN_START = "\\x1b]0;pwned\\x07Pay\\x1b[31mments\\u202eevil\\u2066"


def assert_painted_safely(app: AssessApp, expected: list[str]) -> None:
    svg = app.export_screenshot()
    for char in RAW:
        assert char not in svg, f"{char!r} reached the screen of {type(app.screen).__name__}"
    for text in expected:
        assert text in svg, f"{text!r} not shown on {type(app.screen).__name__}"


async def test_hostile_texts_are_shown_not_obeyed(tmp_path: Path) -> None:
    models = tmp_path / "models"
    model_path = hostile_model(DATA / "tiny.yaml", models)
    model = load_questionnaire(model_path)
    root = tmp_path / "assessments"
    assessment = new_assessment(model, HOSTILE, [HOSTILE], date(2026, 11, 20), NOW)
    assessment = assessment.with_answer("ci-builds", pick("ci-builds", 2, note=HOSTILE), NOW)
    save_assessment(assessment, standard_path(root, assessment))
    # The model changes afterwards, so opening the assessment warns (the warning names versions).
    data = model_path.read_text(encoding="utf-8")
    model_path.write_text(data.replace("description: Two", "description: 2", 1), encoding="utf-8")

    app = AssessApp(fill_context([models], None, None, None, None, root, now=clock))
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        assert isinstance(app.screen, StartScreen)
        # The questionnaire's title and the unfinished assessment's team.
        assert_painted_safely(app, ["Model&#160;" + SHOWN_START, SHOWN_START])
        await pilot.press("ctrl+r", "enter")
        assert isinstance(app.screen, QuestionScreen)
        # Back to the first question, which has the note.
        await pilot.press("left")
        await pilot.pause(0.3)
        # Progress caption (team), area and dimension titles, question, help, choices, the
        # level ladder, the note, and the warning toast.
        assert_painted_safely(app, [SHOWN_START, "[/x]", "changed&#160;since"])
        assert app.screen.query_one("#note", NoteField).text == SHOWN
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert_painted_safely(app, [SHOWN_START, "[link=https://evil.example]click[/link]"])
    # Only what the user did was written: the team name in the file is still the one it was.
    (path,) = root.rglob("*.json")
    assert json.loads(path.read_text(encoding="utf-8"))["team"] == HOSTILE
