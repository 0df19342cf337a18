"""Small modal questions: yes or no, and a file name."""

from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from assess.safe_text import visible

PAGE_KEYS: list[BindingType] = [
    Binding("pageup", "scroll_text('page_up')", show=False),
    Binding("pagedown", "scroll_text('page_down')", show=False),
    Binding("home", "scroll_text('home')", show=False),
    Binding("end", "scroll_text('end')", show=False),
]
"""PageUp, PageDown, Home and End for a panel whose text may be taller than the terminal."""


class DialogText(VerticalScroll, can_focus=False):
    """The text of a dialog: scrolls when it is taller than the room, by the screen's page keys,
    while the focus stays on the buttons (Enter answers, as before)."""


def scroll_text(screen: Screen[Any], how: str) -> None:
    """Scroll the first scrolling text of a panel (how: page_up, page_down, home, end)."""
    found = screen.query(VerticalScroll)
    if not found:
        return
    text = found.first()
    if how == "page_up":
        text.scroll_page_up(animate=False)
    elif how == "page_down":
        text.scroll_page_down(animate=False)
    elif how == "home":
        text.scroll_home(animate=False)
    else:
        text.scroll_end(animate=False)


class ConfirmScreen(ModalScreen[bool]):
    """Asks a yes-or-no question; Escape means no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        *PAGE_KEYS,
    ]

    def __init__(self, question: str, yes: str, no: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with DialogText(classes="dialog-text"):
                yield Static(visible(self.question, multiline=True), markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", variant="primary", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_scroll_text(self, how: str) -> None:
        scroll_text(self, how)


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

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "pick('')", "Cancel"), *PAGE_KEYS]

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        """`answers`: (key, label, value) in the order shown; the first is the default."""
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with DialogText(classes="dialog-text"):
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

    def action_scroll_text(self, how: str) -> None:
        scroll_text(self, how)
