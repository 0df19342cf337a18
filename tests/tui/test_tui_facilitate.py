"""The facilitator's screen at 80x24: keys in, the team's consolidated assessment out."""

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from assess.cli.app import cli
from assess.cli.facilitate import facilitate_context
from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.questionnaire import Questionnaire
from assess.files.assessments import load_assessment, save_assessment
from assess.files.names import team_slug
from assess.files.respondents import respondent_path
from assess.files.store import AssessmentStore
from assess.tui.facilitate_app import FacilitateApp
from assess.tui.facilitation import FacilitateContext
from assess.tui.screens.facilitate import AgreedNoteScreen, AgreeList, FacilitateScreen
from assess.tui.screens.help import HelpScreen
from tests.conftest import pick, pick_in

from .conftest import DATA, NOW, TODAY, clock

SMALL = (80, 24)


def member(model: Questionnaire, name: str, answers: dict[str, Answer]) -> Assessment:
    person = new_assessment(model, "Payments", [], TODAY, NOW)
    person = person.model_copy(update={"respondent": name})
    for question_id, answer in answers.items():
        person = person.with_answer(question_id, answer, NOW)
    return person


def team(model: Questionnaire) -> list[Assessment]:
    """Three respondents who disagree on ci-builds (levels 1, 3, 5: range 4) and ci-gate
    (1, 4, 4: range 3), and agree within one level on tracking-runs."""
    return [
        member(
            model,
            "Ana",
            {
                "ci-builds": pick("ci-builds", 1, note="the legacy repos have no pipeline"),
                "ci-gate": pick("ci-gate", 1),
                "tracking-runs": pick("tracking-runs", 1),
            },
        ),
        member(
            model,
            "Ben",
            {
                "ci-builds": pick("ci-builds", 2),
                "ci-gate": pick(
                    "ci-gate", 2, note="required checks on main", evidence="branch rules page"
                ),
                "tracking-runs": pick("tracking-runs", 2),
            },
        ),
        member(
            model,
            "Chen",
            {"ci-builds": pick("ci-builds", 3), "ci-gate": pick("ci-gate", 2)},
        ),
    ]


def context(
    model: Questionnaire, target: Path, named: bool = False, base: Assessment | None = None
) -> FacilitateContext:
    def save(assessment: Assessment) -> Assessment:
        save_assessment(assessment, target)
        return assessment

    people = team(model)
    return FacilitateContext(
        questionnaire=model,
        team="Payments",
        respondents=people,
        files={f"{p.respondent.lower()}.json": "0" * 64 for p in people},
        save=save,
        now=clock,
        base=base,
        named=named,
    )


async def test_resolve_two_disagreements_and_the_file_says_so(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    target = tmp_path / "payments" / "consolidated.json"
    target.parent.mkdir()
    app = FacilitateApp(context(tiny, target))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, FacilitateScreen)
        # Widest range first: ci-builds (4 levels), then ci-gate (3).
        assert screen.order == ["ci-builds", "ci-gate"]
        assert screen.current == "ci-builds"
        await pilot.press("3")  # agree on "All"; on to ci-gate
        assert screen.current == "ci-gate"
        assert target.exists()  # saved at once
        await pilot.press("left", "e")
        assert isinstance(app.screen, AgreedNoteScreen)
        await pilot.press(*"new repos only", "enter")
        assert isinstance(app.screen, FacilitateScreen)
        await pilot.press("right", "down", "enter")  # ci-gate: "Yes" by arrow and Enter
        await pilot.press("q")
    saved = load_assessment(target)
    record = saved.consolidation
    assert record is not None
    assert record.respondents == ["Respondent 1", "Respondent 2", "Respondent 3"]
    assert set(record.agreed) == {"ci-builds", "ci-gate"}
    assert record.agreed["ci-builds"].answer.choice == "all"
    assert record.agreed["ci-builds"].note == "new repos only"
    assert record.agreed["ci-builds"].distribution == {"none": 1, "some": 1, "all": 1}
    assert record.agreed["ci-gate"].answer.choice == "yes"
    # The agreed answers replace the medians in the team's answers; the others stay medians.
    assert saved.answers["ci-builds"].choice == "all"
    assert saved.answers["ci-builds"].source == "agreed by the team"
    assert saved.answers["ci-gate"].source == "agreed by the team"
    assert saved.answers["tracking-runs"].source == "lower median of 3 respondents"


async def test_keep_the_median_drops_the_agreed_answer(tiny: Questionnaire, tmp_path: Path) -> None:
    target = tmp_path / "consolidated.json"
    app = FacilitateApp(context(tiny, target))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3", "left", "m")
        saved = load_assessment(target)
        assert saved.consolidation is not None and saved.consolidation.agreed == {}
        assert saved.answers["ci-builds"].choice == "some"  # the lower median of 1, 3, 5
        # Nothing agreed: m and e say why they do nothing; a digit past the choices too.
        await pilot.press("m", "e", "9")
        messages = [n.message for n in app._notifications]
        assert any("median already counts" in m for m in messages)
        assert any("Agree on an answer first" in m for m in messages)
        assert any("answers 1 to 3 only" in m for m in messages)
        await pilot.press("n")  # ci-builds must be answered: not applicable is not offered
        assert any("not applicable is not offered" in n.message for n in app._notifications)


async def test_names_only_when_the_team_opted_in(tiny: Questionnaire, tmp_path: Path) -> None:
    for named, shown, hidden in ((False, "Respondent 1", "Ana"), (True, "Ana", "Respondent 1")):
        app = FacilitateApp(context(tiny, tmp_path / "c.json", named=named))
        async with app.run_test(size=SMALL):
            choices = app.screen.query_one(AgreeList)
            prompts = " ".join(str(o.prompt) for o in choices.options)
            assert shown in prompts and hidden not in prompts
            notes = str(app.screen.query_one("#fac-notes").render())
            assert f"{shown}: the legacy repos have no pipeline" in notes


async def test_the_other_questions_on_request(tiny: Questionnaire, tmp_path: Path) -> None:
    app = FacilitateApp(context(tiny, tmp_path / "c.json"))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, FacilitateScreen)
        await pilot.press("a")
        assert screen.order == ["ci-builds", "ci-gate", "tracking-runs"]
        await pilot.press("end")  # the last answer of ci-builds is in view at 80x24
        choices = screen.query_one(AgreeList)
        view = screen.query_one("#facilitate")
        assert choices.highlighted == len(choices.options) - 1
        top = choices.region.y + choices._index_to_line[choices.highlighted]
        assert view.region.y <= top < view.region.bottom
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, FacilitateScreen)


async def test_a_changed_distribution_reopens_the_agreed_answer(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    target = tmp_path / "c.json"
    app = FacilitateApp(context(tiny, target))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3")
    before = load_assessment(target)
    # A fourth respondent answers later: ci-builds' distribution changes.
    later = context(tiny, target, base=before)
    fourth = member(tiny, "Dee", {"ci-builds": pick("ci-builds", 1)})
    later = replace(later, respondents=[*later.respondents, fourth])
    app = FacilitateApp(later)
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, FacilitateScreen)
        status = str(screen.query_one("#fac-status").render())
        assert "Reopened" in status
        assert "1 reopened" in str(screen.query_one("#fac-progress").render())
        await pilot.press("3")  # agreed again on the new distribution
    record = load_assessment(target).consolidation
    assert record is not None
    assert record.agreed["ci-builds"].distribution == {"none": 2, "some": 1, "all": 1}


def test_facilitator_screen_80x24(
    snap_compare: Callable[..., bool], tiny: Questionnaire, tmp_path: Path
) -> None:
    # ci-builds agreed on "All" with a note, then back to it: the picture shows the agreed
    # answer beside the distribution, the median and the respondents' note.
    app = FacilitateApp(context(tiny, tmp_path / "c.json"))
    keys = ("3", "left", "e", *"new repos only", "enter")
    assert snap_compare(app, press=keys, terminal_size=SMALL)


def write_team(root: Path, model: Questionnaire) -> list[Path]:
    paths = []
    for person in team(model):
        path = respondent_path(root, person)
        save_assessment(person, path)
        paths.append(path)
    return paths


async def test_the_command_wiring_saves_one_file_and_builds_on_it(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    root = tmp_path / "assessments"
    write_team(root, tiny)
    stores: list[AssessmentStore] = []
    saved: list[Path] = []
    try:
        wired = facilitate_context(root, [DATA], "Payments", None, False, stores, saved, clock)
        async with FacilitateApp(wired).run_test(size=SMALL) as pilot:
            await pilot.press("3", "2")
    finally:
        for store in stores:
            store.close()
    assert len(set(saved)) == 1 and saved[0].parent == root / team_slug("Payments")
    first = load_assessment(saved[0])
    assert first.consolidation is not None
    assert set(first.consolidation.agreed) == {"ci-builds", "ci-gate"}
    assert set(first.consolidation.files) == {p.name for p in respondent_files(root)}
    # Next time the same file is opened: its agreed answers are there, m drops one.
    stores = []
    again: list[Path] = []
    try:
        wired = facilitate_context(root, [DATA], "Payments", None, False, stores, again, clock)
        assert wired.base is not None and wired.base.consolidation is not None
        async with FacilitateApp(wired).run_test(size=SMALL) as pilot:
            await pilot.press("m")
    finally:
        for store in stores:
            store.close()
    assert again == [saved[0]]
    record = load_assessment(saved[0]).consolidation
    assert record is not None and set(record.agreed) == {"ci-gate"}


def respondent_files(root: Path) -> list[Path]:
    return sorted((root / team_slug("Payments") / "respondents").glob("*.json"))


def test_the_command_says_what_is_missing(tiny: Questionnaire, tmp_path: Path) -> None:
    root = tmp_path / "assessments"
    result = CliRunner().invoke(cli, ["facilitate", "--team", "Payments", "--dir", str(root)])
    assert result.exit_code == 1
    assert "team Payments has no respondents" in result.output
    assert "--respondent" in result.output


async def test_file_text_is_shown_as_written(tiny: Questionnaire, tmp_path: Path) -> None:
    hostile = "Eli \x1b[31m[bold]red[/bold]"
    wired = context(tiny, tmp_path / "c.json", named=True)
    people = [
        p.model_copy(update={"respondent": hostile}) if p.respondent == "Ana" else p
        for p in wired.respondents
    ]
    people[0] = people[0].with_answer(
        "ci-builds", pick("ci-builds", 1, note="see [link=x]here[/link] \x1b]8;;x\x07"), NOW
    )
    wired = replace(wired, respondents=people)
    app = FacilitateApp(wired)
    async with app.run_test(size=SMALL):
        prompts = " ".join(str(o.prompt) for o in app.screen.query_one(AgreeList).options)
        assert "Eli \\x1b[31m[bold]red[/bold]" in prompts
        notes = str(app.screen.query_one("#fac-notes").render())
        assert "see [link=x]here[/link] \\x1b]8;;x\\x07" in notes
        assert "\x1b" not in prompts + notes


async def test_no_disagreement_says_so_and_a_shows_all(tiny: Questionnaire, tmp_path: Path) -> None:
    same = [member(tiny, n, {"ci-builds": pick("ci-builds", 2)}) for n in ("Ana", "Ben")]
    wired = replace(context(tiny, tmp_path / "c.json"), respondents=same)
    app = FacilitateApp(wired)
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, FacilitateScreen)
        assert screen.order == []
        assert "agree within one level" in str(screen.query_one("#fac-text").render())
        await pilot.press("1", "right")
        assert any("a shows every question" in n.message for n in app._notifications)
        await pilot.press("a")
        assert screen.order == ["ci-builds"]
        assert "Other question 1 of 1" in str(screen.query_one("#fac-where").render())
        await pilot.press("2")  # agreeing on a question without disagreement is allowed too
    record = load_assessment(tmp_path / "c.json").consolidation
    assert record is not None and record.agreed["ci-builds"].answer.choice == "some"


async def test_every_answer_of_a_long_question_comes_into_view(tmp_path: Path) -> None:
    from assess.files.questionnaires import load_questionnaire, resolve

    model = load_questionnaire(resolve("devops-mlops", []))
    # The question whose answers take the most room: at 80x24 they cannot all be on screen.
    question = max(
        (q for _, q in model.questions()), key=lambda q: sum(len(c.text) for c in q.choices)
    )
    people = [
        member(model, f"m{n}", {question.id: pick_in(model, question.id, n)})
        for n in (1, len(question.choices))
    ]
    wired = FacilitateContext(
        questionnaire=model,
        team="Payments",
        respondents=people,
        files={},
        save=lambda a: a,
        now=clock,
    )
    app = FacilitateApp(wired)
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, FacilitateScreen) and screen.current == question.id
        choices = screen.query_one(AgreeList)
        view = screen.query_one("#facilitate")
        for _ in range(len(choices.options) - 1):
            await pilot.press("down")
            await pilot.pause()
            top = choices.region.y + choices._index_to_line[choices.highlighted or 0]
            assert view.region.y < top < view.region.bottom  # below the docked first line
        assert view.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert view.scroll_y == 0


async def test_notes_and_evidence_of_the_respondents(tiny: Questionnaire, tmp_path: Path) -> None:
    app = FacilitateApp(context(tiny, tmp_path / "c.json"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("right")  # ci-gate
        notes = str(app.screen.query_one("#fac-notes").render())
        assert "Respondent 2: required checks on main · evidence: branch rules page" in notes
