"""Asks who answers as a respondent of a team: a name, or anonymously."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from assess.safe_text import visible


class RespondentScreen(ModalScreen[tuple[str, bool] | None]):
    """Returns (name, anonymous); an empty name answers anonymously. Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = "RespondentScreen { align: center middle; }"

    def __init__(self, team: str, answered: int) -> None:
        super().__init__()
        self.team = team
        self.answered = answered

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="respondent"):
            yield Label(
                Content.assemble("Answer as a respondent of ", (visible(self.team), "bold $accent"))
            )
            others = (
                f"{self.answered} member{'s have' if self.answered != 1 else ' has'} answered "
                "so far. "
                if self.answered
                else ""
            )
            yield Static(
                f"{others}Your answers go to a file of your own; the facilitator brings "
                "them together.",
                classes="hint",
            )
            yield Label("Your name, or leave it empty to answer anonymously:")
            yield Input(placeholder="anonymous", id="respondent-name")
            yield Label("Enter starts, Escape cancels", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        self.dismiss((name, not name))

    def action_cancel(self) -> None:
        self.dismiss(None)
