"""Asked when the assessment is open in another window: read it only, or take it over."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assess.safe_text import visible
from assess.tui.screens.dialogs import PAGE_KEYS, DialogText, scroll_text


class OpenElsewhereScreen(ModalScreen[bool]):
    """Returns True to take over, False to open read-only (also Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "answer(True)", "Take over"),
        Binding("r,escape", "answer(False)", "Read only"),
        *PAGE_KEYS,
    ]

    def __init__(self, holder: str) -> None:
        super().__init__()
        self.holder = holder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with DialogText(classes="dialog-text"):
                yield Static(
                    f"This assessment is open in another window ({visible(self.holder)}).\n\n"
                    "Read only: see the answers; nothing you change is saved.\n"
                    "Take over: this window saves; the other one stops saving.",
                    markup=False,
                )
            with Horizontal(classes="buttons"):
                yield Button("Read only (r)", variant="primary", id="read-only")
                yield Button("Take over (t)", id="take-over")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "take-over")

    def action_answer(self, take_over: bool) -> None:
        self.dismiss(take_over)

    def action_scroll_text(self, how: str) -> None:
        scroll_text(self, how)
