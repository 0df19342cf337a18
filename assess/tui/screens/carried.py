"""Confirm the carried-over answers of a dimension at once, after seeing each of them."""

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assess.safe_text import visible


class ConfirmCarriedScreen(ModalScreen[bool]):
    """Shows (question, answer) pairs; y keeps them all, Escape or n goes back."""

    BINDINGS = [
        Binding("y", "answer(True)", "Keep all"),
        Binding("n,escape", "answer(False)", "Back"),
        Binding("down,pagedown", "scroll_list(1)", show=False),
        Binding("up,pageup", "scroll_list(-1)", show=False),
    ]

    def __init__(self, dimension: str, since: str, answers: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.dimension = dimension
        self.since = since
        self.answers = answers

    def compose(self) -> ComposeResult:
        count = len(self.answers)
        with Vertical(classes="dialog", id="carried"):
            yield Static(
                Content.assemble(
                    (visible(self.dimension), "bold $accent"),
                    visible(f": {count} answer{'s' if count != 1 else ''} {self.since}"),
                )
            )
            with VerticalScroll(id="carried-list"):
                for question, answer in self.answers:
                    yield Static(
                        Content.assemble(
                            visible(question), "\n  → ", (visible(answer), "bold $success")
                        ),
                        classes="carried-answer",
                    )
            yield Static("Still true today? Keep them all, or go back and change some.")
            with Horizontal(classes="buttons"):
                yield Button("Keep all (y)", variant="primary", id="yes", compact=True)
                yield Button("Back (n)", id="no", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_scroll_list(self, step: int) -> None:
        answers = self.query_one("#carried-list", VerticalScroll)
        if step > 0:
            answers.scroll_page_down(animate=False)
        else:
            answers.scroll_page_up(animate=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
