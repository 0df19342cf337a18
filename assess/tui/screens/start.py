"""Start: pick a questionnaire and name the team, or continue an unfinished assessment."""

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    Input,
    Label,
    OptionList,
    Static,
)
from textual.widgets.option_list import Option

from assess.domain.assessment import normal_team
from assess.errors import AssessError
from assess.safe_text import visible
from assess.tui.begin import begin
from assess.tui.context import FillContext, Opened
from assess.tui.screens.dialogs import ConfirmScreen
from assess.tui.screens.help import KeyHelp
from assess.tui.widgets.keyline import KeyLine
from assess.tui.widgets.respondents import RespondentsPanel


class TextField(Input):
    """An input that lets go of the focus with Escape, so the app's keys work again."""

    BINDINGS = [Binding("escape", "leave", "Leave field")]

    def action_leave(self) -> None:
        self.screen.focus_next(OptionList)


class StartScreen(Screen[Opened]):
    """Returns the assessment to fill, new or resumed."""

    KEY_HELP: KeyHelp = (
        ("Tab, Shift+Tab", "Next, previous field"),
        ("↑ ↓, Enter", "Pick from a list; Enter in a field moves on or starts"),
        ("Ctrl+S", "Start the new assessment"),
        ("Ctrl+R", "Go to the unfinished assessments"),
        ("Ctrl+N", "Answer as a respondent of the team: a file of your own"),
        ("Ctrl+F", "Facilitate: go through where the team's respondents disagree"),
        ("Escape", "Leave a text field"),
    )
    KEY_HELP_TITLE = "Start"

    # Read with the app's own styles when the app opens on this screen (AssessApp.START_CSS).
    CSS_PATH = "../start.tcss"
    AUTO_FOCUS = "#team"
    BINDINGS = [
        Binding("ctrl+s", "start", "Start new"),
        Binding("ctrl+r", "focus_resume", "Continue one"),
        # Shown on their buttons and in the help: the footer is full at 80 columns.
        Binding("ctrl+n", "respond", "Respond", show=False),
        Binding("ctrl+f", "facilitate", "Facilitate", show=False),
    ]

    def __init__(self, context: FillContext) -> None:
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        context = self.context
        yield Header()
        with VerticalScroll(id="start"):
            with Vertical(id="resume", classes="panel"):
                yield Label("Continue an assessment", classes="panel-title")
                yield Label("Enter continues the one selected", classes="hint")
                yield OptionList(
                    *(
                        Option(
                            Content.assemble(
                                (visible(item.team), "bold"),
                                f"  {item.date.isoformat()}  {visible(item.questionnaire)}  ",
                                (f"{item.answered:.0%} answered", "$accent"),
                            ),
                            id=str(n),
                        )
                        for n, item in enumerate(context.in_progress)
                    ),
                    id="in-progress",
                )
            if context.damaged:
                with Vertical(id="damaged", classes="panel"):
                    count = len(context.damaged)
                    yield Label(
                        f"{count} file{'s' if count > 1 else ''} left out (cannot be read)",
                        classes="panel-title",
                    )
                    for line in context.damaged:
                        yield Static(visible(line), markup=False, classes="hint")
            with Vertical(id="new", classes="panel"):
                yield Label("New assessment", classes="panel-title")
                yield Label("Questionnaire")
                yield OptionList(
                    *(
                        Option(
                            Content.assemble(
                                visible(entry.title),
                                (f"  {visible(entry.id)}", "$foreground-muted"),
                            ),
                            id=entry.id,
                        )
                        for entry in context.questionnaires
                    ),
                    id="questionnaires",
                )
                with Horizontal(classes="field"):
                    yield Label("Team", classes="field-label")
                    yield TextField(context.team or "", placeholder="e.g. Payments", id="team")
                yield RespondentsPanel(context, id="team-respondents")
                with Horizontal(classes="field"):
                    yield Label("Assessor", classes="field-label")
                    yield TextField(
                        context.assessor or "", placeholder="your name (optional)", id="assessor"
                    )
                yield Checkbox(id="prefill", value=True)
                yield Button("Start (Ctrl+S)", variant="primary", id="start-button")
        yield KeyLine()

    def on_mount(self) -> None:
        self.title = "assess"
        self.sub_title = "DevOps and MLOps maturity"
        ids = [entry.id for entry in self.context.questionnaires]
        wanted = self.context.preselected
        picker = self.query_one("#questionnaires", OptionList)
        picker.highlighted = ids.index(wanted) if wanted in ids else 0
        self.query_one("#resume").display = bool(self.context.in_progress)
        self._offer_prefill()
        self._show_respondents()
        if self.context.in_progress:
            self.query_one("#in-progress", OptionList).focus()
        elif self.context.team:
            self.query_one("#assessor", Input).focus()
        if self.context.team and self.context.questionnaires:
            self._offer_to_continue()  # `--team` given: it may have one under way

    def _questionnaire_index(self) -> int:
        return self.query_one("#questionnaires", OptionList).highlighted or 0

    def _offer_prefill(self) -> None:
        """Show the pre-fill box only when the team has a complete assessment to start from."""
        box = self.query_one("#prefill", Checkbox)
        team = self.query_one("#team", Input).value.strip()
        entries = self.context.questionnaires
        previous = None
        if team and entries:
            previous = self.context.latest_complete(team, entries[self._questionnaire_index()].id)
        box.display = previous is not None
        if previous is not None:
            box.label = f"Start from the answers of {previous.date.isoformat()}"

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "team":
            self._offer_prefill()
            self._show_respondents()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "questionnaires":
            self._offer_prefill()
            self._show_respondents()

    def _show_respondents(self) -> None:
        entries = self.context.questionnaires
        entry = entries[self._questionnaire_index()] if entries else None
        team = self.query_one("#team", Input).value
        self.query_one(RespondentsPanel).show(team, entry)

    def action_respond(self) -> None:
        self.query_one(RespondentsPanel).respond()

    def action_facilitate(self) -> None:
        self.query_one(RespondentsPanel).facilitate()

    def on_respondents_panel_started(self, event: RespondentsPanel.Started) -> None:
        self.dismiss(event.opened)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "team" and event.value.strip():
            self.query_one("#assessor", Input).focus()
        else:
            self.action_start()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "questionnaires":
            self.query_one("#team", Input).focus()
        elif event.option.id is not None:
            self._resume(int(event.option.id))

    def on_button_pressed(self, _: Button.Pressed) -> None:
        self.action_start()

    def action_start(self) -> None:
        entries = self.context.questionnaires
        if not entries:
            self.notify("No questionnaire found.", severity="error")
            return
        if not self._offer_to_continue():
            self._start_new()

    def _offer_to_continue(self) -> bool:
        """Ask to continue the team's unfinished assessment of this model, if it has one."""
        team = normal_team(self.query_one("#team", Input).value.strip())
        model = self.context.questionnaires[self._questionnaire_index()].id
        for n, item in enumerate(self.context.in_progress):
            if item.team == team and item.questionnaire == model:
                question = (
                    f"{team} has an unfinished assessment of {model} from "
                    f"{item.date.isoformat()} ({item.answered:.0%} answered). Continue it?"
                )

                def answered(resume: bool | None, n: int = n) -> None:
                    if resume:
                        self._resume(n)
                    else:
                        self._start_new()

                self.app.push_screen(ConfirmScreen(question, "Continue", "Start new"), answered)
                return True
        return False

    def _start_new(self) -> None:
        entries = self.context.questionnaires
        box = self.query_one("#prefill", Checkbox)
        try:
            opened = begin(
                self.context,
                entries[self._questionnaire_index()],
                self.query_one("#team", Input).value,
                self.query_one("#assessor", Input).value,
                prefill=box.display and box.value,
            )
        except AssessError as error:
            self.notify(visible(error.message, multiline=True), severity="error", markup=False)
            if not self.query_one("#team", Input).value.strip():
                self.query_one("#team", Input).focus()
            return
        self.dismiss(opened)

    def _resume(self, n: int) -> None:
        try:
            opened = self.context.in_progress[n].open()
        except AssessError as error:
            self.notify(visible(error.message, multiline=True), severity="error", markup=False)
            return
        self.dismiss(opened)

    def commands(self) -> Iterable[SystemCommand]:
        """Entries for the command palette."""
        yield SystemCommand("Start", "Start the new assessment", self.action_start)
        if self.context.in_progress:
            yield SystemCommand(
                "Continue an assessment", "Go to the unfinished ones", self.action_focus_resume
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("respond", "facilitate"):
            return self.context.respondents_of is not None
        return action != "focus_resume" or bool(self.context.in_progress)

    def action_focus_resume(self) -> None:
        if self.context.in_progress:
            self.query_one("#in-progress", OptionList).focus()
