"""The note and evidence fields of the question screen.

A module of their own: Textual's TextArea (with its document and highlighting machinery) is
imported when the fields are first mounted, after the first question is painted.
"""

from typing import Literal

from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

Field = Literal["note", "evidence"]


class NoteField(TextArea):
    """A text area for the note or the evidence of the question on screen: as tall as its
    text, so all of it shows; it opens with the cursor at the end (nothing is selected, so a
    first key never replaces the text) and Ctrl+Z undoes."""

    BINDINGS = [Binding("escape", "leave", "Back to answers")]

    class Edited(Message):
        """The text changed; carries the question it belongs to, fixed when it was typed."""

        def __init__(self, question_id: str, field: Field, value: str) -> None:
            super().__init__()
            self.question_id = question_id
            self.field = field
            self.value = value

    class Left(Message):
        """The user is done with the field."""

    def __init__(self, field: Field, placeholder: str, *, id: str) -> None:
        super().__init__(
            placeholder=placeholder,
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            compact=True,
            highlight_cursor_line=False,
        )
        self.field: Field = field
        self.question_id = ""

    def load(self, question_id: str, value: str) -> None:
        """Show another question's text without reporting it as an edit."""
        # Another question's text gets a fresh undo history: Ctrl+Z never brings back a note
        # typed for a different question.
        if question_id != self.question_id or value != self.text:
            with self.prevent(TextArea.Changed):
                self.load_text(value)
        self.question_id = question_id

    def on_focus(self) -> None:
        self.selection = Selection.cursor(self.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.Edited(self.question_id, self.field, self.text))

    def action_leave(self) -> None:
        self.post_message(self.Left())
