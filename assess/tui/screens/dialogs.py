"""Small modal questions: yes or no, and a file name."""

from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from assess.safe_text import visible


class ConfirmScreen(ModalScreen[bool]):
    """Asks a yes-or-no question; Escape means no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, yes: str, no: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(visible(self.question, multiline=True), markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", variant="primary", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class PathScreen(ModalScreen[Path | None]):
    """Asks for a file name, proposing one; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, prompt: str, proposed: Path) -> None:
        super().__init__()
        self.prompt = prompt
        self.proposed = proposed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(visible(self.prompt), markup=False)
            yield Input(str(self.proposed), id="path")
            yield Label("Enter to confirm, Escape to cancel", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(Path(value) if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReasonScreen(ModalScreen[str | None]):
    """Asks why something is scoped out, proposing the model's reason; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, proposed: str) -> None:
        super().__init__()
        self.question = question
        self.proposed = proposed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question)
            yield Label("Scoped out because:")
            yield Input(self.proposed, id="reason")
            yield Label("Enter to scope it out, Escape to cancel", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """Asks a question with a few answers, each with its own key; Escape means none."""

    BINDINGS = [Binding("escape", "pick('')", "Cancel")]

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        """`answers`: (key, label, value) in the order shown; the first is the default."""
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(visible(self.question, multiline=True), markup=False)
            with Horizontal(classes="buttons"):
                for n, (key, label, value) in enumerate(self.answers):
                    yield Button(
                        f"{label} ({key})",
                        variant="primary" if n == 0 else "default",
                        id=f"answer-{value}",
                    )
            yield Label("Escape: cancel", classes="hint")

    def on_key(self, event: events.Key) -> None:
        for key, _, value in self.answers:
            if event.key == key:
                event.stop()
                self.action_pick(value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id is not None:
            self.action_pick(event.button.id.removeprefix("answer-"))

    def action_pick(self, value: str) -> None:
        self.dismiss(value or None)
