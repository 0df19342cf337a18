"""The start screen's respondent entries: who has answered, answer as one, facilitate."""

from pathlib import Path

from textual.widgets import Input, Static

from assess.domain.questionnaire import Questionnaire
from assess.files.assessments import load_assessment, save_assessment
from assess.files.names import team_slug
from assess.files.respondents import respondent_path
from assess.tui.app import AssessApp
from assess.tui.screens.facilitate import FacilitateScreen
from assess.tui.screens.questions import QuestionScreen
from assess.tui.screens.respondent import RespondentScreen
from assess.tui.screens.start import StartScreen
from assess.tui.widgets.respondents import RespondentsPanel

from .conftest import ContextFactory
from .test_tui_facilitate import team

SMALL = (80, 24)


def write_team(root: Path, model: Questionnaire) -> None:
    for person in team(model):
        save_assessment(person, respondent_path(root, person))


def answered(app: AssessApp) -> str:
    return str(app.screen.query_one("#respondents-answered", Static).render())


async def test_who_answered_then_facilitate_and_back(
    make_context: ContextFactory, root: Path, tiny: Questionnaire
) -> None:
    write_team(root, tiny)
    app = AssessApp(make_context(questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        assert isinstance(app.screen, StartScreen)
        panel = app.screen.query_one(RespondentsPanel)
        assert not panel.display  # no team typed yet
        app.screen.query_one("#team", Input).focus()
        await pilot.press(*"Payments")
        assert panel.display
        assert answered(app) == "3 of Payments answered: Respondent 1, Respondent 2, Respondent 3"
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, FacilitateScreen)
        await pilot.press("3")  # agree on ci-builds: saved at once
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)
        await pilot.press("ctrl+f")  # the team's file was let go of: it opens again
        assert isinstance(app.screen, FacilitateScreen)
        assert app.screen.facilitation.agreed.keys() == {"ci-builds"}
        await pilot.press("q")
    (consolidated,) = (root / team_slug("Payments")).glob("*.json")
    record = load_assessment(consolidated).consolidation
    assert record is not None and record.agreed["ci-builds"].answer.choice == "all"


async def test_nothing_to_facilitate_says_so(make_context: ContextFactory) -> None:
    app = AssessApp(make_context(questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+f")
        assert any("team's name first" in n.message for n in app._notifications)
        app.screen.query_one("#team", Input).focus()
        await pilot.press(*"Search", "ctrl+f")
        assert answered(app) == "No member of Search has answered tiny yet."
        assert isinstance(app.screen, StartScreen)
        assert any("nothing to facilitate" in n.message for n in app._notifications)


async def test_answer_as_a_respondent(
    make_context: ContextFactory, root: Path, tiny: Questionnaire
) -> None:
    write_team(root, tiny)
    app = AssessApp(make_context(questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        app.screen.query_one("#team", Input).focus()
        await pilot.press(*"Payments", "ctrl+n")
        assert isinstance(app.screen, RespondentScreen)
        await pilot.press("escape")  # Escape goes back
        assert isinstance(app.screen, StartScreen)
        await pilot.press("ctrl+n", *"Kim Åberg", "enter")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("2")
        await pilot.press("q")
    mine = root / team_slug("Payments") / "respondents"
    kim = load_assessment(next(mine.glob("*-kim-aberg.json")))
    assert kim.respondent == "Kim Åberg" and not kim.anonymous
    assert kim.answers["ci-builds"].choice == "some"
    # An anonymous respondent: an empty name.
    app = AssessApp(make_context(questionnaire="tiny"))
    async with app.run_test(size=SMALL) as pilot:
        app.screen.query_one("#team", Input).focus()
        await pilot.press(*"Payments")
        assert answered(app).startswith("4 of Payments answered")
        await pilot.press("ctrl+n", "enter", "1", "q")
    anonymous = load_assessment(next(mine.glob("*-anonymous.json")))
    assert anonymous.anonymous and anonymous.respondent == ""
