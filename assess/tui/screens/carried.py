"""Confirm the carried-over answers of a dimension at once, after seeing each of them."""

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assess.safe_text import visible
from assess.tui.screens.dialogs import PAGE_KEYS, scroll_text


class ConfirmCarriedScreen(ModalScreen[bool]):
    """Shows (question, answer) pairs; y keeps them all, Escape or n goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Keep all"),
        Binding("n,escape", "answer(False)", "Back"),
        Binding("down", "scroll_text('page_down')", show=False),
        Binding("up", "scroll_text('page_up')", show=False),
        *PAGE_KEYS,
    ]

    def __init__(
        self,
        dimension: str,
        since: str,
        answers: Sequence[tuple[str, str]],
        changed: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        """`answers`: (question, answer) to keep; `changed`: (question, answer as given, what
        changed) of answers the model changed under, shown but never kept by this screen."""
        super().__init__()
        self.dimension = dimension
        self.since = since
        self.answers = answers
        self.changed = changed

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
                if self.changed:
                    count = len(self.changed)
                    yield Static(
                        Content.styled(
                            f"Not kept by y: {count} answer{'s' if count != 1 else ''} the model "
                            "changed since; choose each again (u goes to them):",
                            "bold $warning",
                        ),
                        classes="carried-answer",
                    )
                    for question, given, why in self.changed:
                        yield Static(
                            Content.assemble(
                                visible(question),
                                "\n  was ",
                                (visible(given), "bold"),
                                (visible(f" ({why})"), "$warning"),
                            ),
                            classes="carried-answer",
                        )
            yield Static("Still true today? Keep them all, or go back and change some.")
            with Horizontal(classes="buttons"):
                yield Button("Keep all (y)", variant="primary", id="yes", compact=True)
                yield Button("Back (n)", id="no", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_scroll_text(self, how: str) -> None:
        scroll_text(self, how)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
