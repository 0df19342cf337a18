"""The start screen's panel of a team's respondents: who has answered, answer as one, facilitate.

The facilitator's and the respondent's screens are imported only when asked for."""

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from assess.errors import AssessError
from assess.safe_text import visible
from assess.tui.context import FillContext, Opened, QuestionnaireEntry

SHOWN = 6
"""Labels listed before 'and n more'."""


class RespondentsPanel(Vertical):
    """Shown once a team is typed: its respondents of the questionnaire picked."""

    DEFAULT_CSS = """
    RespondentsPanel { height: auto; margin-bottom: 1; }
    RespondentsPanel Horizontal { height: auto; }
    RespondentsPanel Button { margin-right: 2; }
    """

    class Started(Message):
        """A respondent's file is open: the start screen hands it to the questionnaire."""

        def __init__(self, opened: Opened) -> None:
            super().__init__()
            self.opened = opened

    def __init__(self, context: FillContext, id: str) -> None:
        super().__init__(id=id)
        self.context = context
        self.team = ""
        self.entry: QuestionnaireEntry | None = None
        self.answered: Sequence[str] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="respondents-answered", classes="hint")
        with Horizontal(classes="buttons"):
            yield Button("Answer as a team member (Ctrl+N)", id="respond-button", compact=True)
            yield Button("Facilitate (Ctrl+F)", id="facilitate-button", compact=True)

    def show(self, team: str, entry: QuestionnaireEntry | None) -> None:
        self.team, self.entry = team.strip(), entry
        listed = self.context.respondents_of
        self.display = bool(listed and self.team and entry)
        if not (listed and self.team and entry):
            return
        try:
            self.answered = listed(self.team, entry.id)
        except AssessError as error:
            self.answered = ()
            self.query_one("#respondents-answered", Static).update(
                Content(visible(error.message.splitlines()[0]))
            )
            return
        count = len(self.answered)
        if count:
            names = ", ".join(visible(label) for label in self.answered[:SHOWN])
            more = f" and {count - SHOWN} more" if count > SHOWN else ""
            text = f"{count} of {visible(self.team)} answered: {names}{more}"
        else:
            text = f"No member of {visible(self.team)} has answered {visible(entry.id)} yet."
        self.query_one("#respondents-answered", Static).update(Content(text))
        self.query_one("#facilitate-button", Button).display = count > 0

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "respond-button":
            self.respond()
        else:
            self.facilitate()

    def _ready(self) -> QuestionnaireEntry | None:
        if self.entry is None or not self.team:
            self.notify("Type the team's name first.", timeout=3)
            return None
        return self.entry

    def respond(self) -> None:
        entry = self._ready()
        start = self.context.answer_as_respondent
        if entry is None or start is None:
            return
        from assess.tui.screens.respondent import RespondentScreen

        def chosen(who: tuple[str, bool] | None) -> None:
            if who is None:
                return
            try:
                opened = start(entry, self.team, *who)
            except AssessError as error:
                self.notify(visible(error.message, multiline=True), severity="error", markup=False)
                return
            self.post_message(self.Started(opened))

        self.app.push_screen(RespondentScreen(self.team, len(self.answered)), chosen)

    def facilitate(self) -> None:
        entry = self._ready()
        build = self.context.facilitate
        if entry is None or build is None:
            return
        if not self.answered:
            self.notify(
                visible(f"No member of {self.team} has answered yet: nothing to facilitate."),
                timeout=3,
                markup=False,
            )
            return
        try:
            session = build(self.team, entry.id)
        except AssessError as error:
            self.notify(visible(error.message, multiline=True), severity="error", markup=False)
            return
        from assess.tui.screens.facilitate import FacilitateScreen

        self.app.push_screen(
            FacilitateScreen(session, can_go_back=True), lambda _: self.show(self.team, entry)
        )
