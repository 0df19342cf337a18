"""The keys of the screen below, each listed once, in a panel that Escape closes."""

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from assess.tui.screens.dialogs import PAGE_KEYS, scroll_text

KeyHelp = Sequence[tuple[str, str]]
"""(keys as shown, what they do), in the order to read them."""

EVERYWHERE: KeyHelp = (
    ("? or F1", "This help (Escape closes it)"),
    ("Ctrl+P", "Command palette: the commands of this screen, found by their words"),
    ("q, Ctrl+Q, Ctrl+C", "Quit (every answer is already saved)"),
)


class HelpScreen(ModalScreen[None]):
    """Lists every key of the screen it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "Close"),
        *PAGE_KEYS,
    ]

    def __init__(self, title: str, keys: KeyHelp) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        # A grid keeps a wrapped description under its own column on a narrow terminal.
        with VerticalScroll(id="help-panel", classes="dialog"):
            yield Static(
                Content.assemble(
                    (f"Keys: {self.title_text}", "bold $accent"),
                    ("   Escape closes this panel", "$foreground-muted"),
                )
            )
            for group in (self.keys, EVERYWHERE):
                with Grid(classes="help-keys"):
                    for key, what in group:
                        yield Static(Content.styled(key, "bold $accent"), classes="help-key")
                        yield Static(what)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_text(self, how: str) -> None:
        scroll_text(self, how)
