"""One question: its text, help and evidence hints, the choices, and the notes fields.

The widgets are built once and refilled for each question, so moving between questions mounts
nothing (each mounted widget costs a few milliseconds). The notes fields, under the answers, are
the screen's costliest widgets (text areas): each has a spot of its size that shows its text, and
the field takes the spot's place when the spot comes into view or is about to be focused. Below
the fold of a small terminal, they are not made at all until then.
"""

import textwrap
from typing import TYPE_CHECKING, Final

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import AwaitMount, Widget
from textual.widgets import Static
from textual.widgets.option_list import Option

from assess.domain.answers import resolve
from assess.domain.assessment import Answer
from assess.safe_text import visible
from assess.tui.session import Position
from assess.tui.widgets.answer_list import AnswerList
from assess.tui.widgets.found import DIFFERS, SUGGESTED, Found, found_content

if TYPE_CHECKING:
    from assess.tui.widgets.notes import NoteField

NOT_APPLICABLE: Final = "not-applicable"
DONT_KNOW: Final = "dont-know"
NOTE_PLACEHOLDER: Final = "context, caveats, who said what (e)"
EVIDENCE_PLACEHOLDER: Final = "links, files, dashboards"


def choice_id(number: int) -> str:
    return f"choice-{number}"


class ChoiceList(AnswerList, inherit_bindings=False):
    """The answers to pick from: arrow keys and Enter, a click, or the number shown."""

    BINDINGS = AnswerList.with_enter("Choose")


class NoteSpot(Widget, can_focus=True):
    """Where a notes field goes until it is needed: it shows the field's text, as tall as the
    field would be (or the first line of its placeholder), so the question scrolls as far. The
    view puts the field in its place when the spot comes into view, and the screen before
    focusing it."""

    def __init__(self, placeholder: str, *, id: str) -> None:
        super().__init__(id=id)
        self.placeholder = placeholder
        self.text = ""

    def show_text(self, text: str) -> None:
        self.text = text
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Content]:
        if not self.text:
            return Content.styled(self.placeholder, "$text 40%").wrap(max(width, 1))[:1]
        # A text area wraps one column short of its width: the cursor's place.
        return Content(self.text).wrap(max(width - 1, 1))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(len(self._lines(width)), 1)

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))


class ChoicePrompt(Visual):
    """'1 ○ text', its later lines indented under the text, wrapped to the width the list draws
    it at. The list asks for that width itself, so the answers are filled in before the first
    layout and drawn in the first frame (wrapped in advance, they waited for the first resize
    and a second layout)."""

    def __init__(self, key: str, text: str, chosen: bool, note: str = "") -> None:
        self.key = key
        self.text = text
        self.chosen = chosen
        self.note = note
        self._wrapped: dict[int, Content] = {}

    def __str__(self) -> str:
        return self._content(0).plain

    def _content(self, width: int) -> Content:
        if (known := self._wrapped.get(width)) is not None:
            return known
        text, note = self.text, self.note
        if width > 20:
            lines = textwrap.wrap(text, width - 4) or [text]
            text = "\n    ".join(lines)
            # The note goes to a line of its own when it would run past the right edge.
            if note and len(lines[-1]) + len(note) > width - 4:
                note = "\n    " + note.strip()
        mark = ("● ", "$success bold") if self.chosen else ("○ ", "$foreground-muted")
        content = Content.assemble(
            (f"{self.key} ", "$accent bold"),
            mark,
            (text, "bold" if self.chosen else ""),
            (note, "$foreground-muted"),
        )
        self._wrapped[width] = content
        return content

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._content(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._content(0).get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._content(width).get_height(rules, width)


class QuestionView(VerticalScroll, can_focus=False, inherit_bindings=False):
    """Shows one question; the screen refills it with `show`. Scrolls with the mouse only: the
    arrow keys belong to the choices and the screen."""

    def compose(self) -> ComposeResult:
        yield Static(id="where")
        yield Static(id="text")
        # The help and the evidence hints, in one widget: each costs its share of the first paint.
        yield Static(id="help")
        yield Static(id="source")
        yield ChoiceList(id="choices")
        # Under the answers, so it never pushes them down; the suggested answer is marked in
        # the list itself.
        yield Static(id="found")
        with Horizontal(classes="note-row"):
            yield Static("Notes", classes="note-label")
            yield NoteSpot(NOTE_PLACEHOLDER, id="note-spot")
        with Horizontal(classes="note-row"):
            yield Static("Evidence", classes="note-label")
            yield NoteSpot(EVIDENCE_PLACEHOLDER, id="evidence-spot")

    _shown: tuple[Position, Answer] | None = None
    """The question on screen and its answer, for the note fields made later."""
    notes: "tuple[NoteField, NoteField] | None" = None
    """The note and evidence fields, once mounted (`add_notes`)."""

    def add_notes(self) -> list[AwaitMount]:
        """Puts the note and evidence fields in place of their spots, showing the question on
        screen; nothing to await when they are there already."""
        if self.notes is not None:
            return []
        from assess.tui.widgets.notes import NoteField

        note = NoteField("note", NOTE_PLACEHOLDER, id="note")
        evidence = NoteField("evidence", EVIDENCE_PLACEHOLDER, id="evidence")
        self.notes = (note, evidence)
        if self._shown is not None:
            self._load_notes(*self._shown)
        mounting = []
        for field in self.notes:
            spot = self.query_one(f"#{field.id}-spot", NoteSpot)
            row = spot.parent
            assert isinstance(row, Widget)
            mounting.append(row.mount(field, before=spot))
            spot.remove()
        return mounting

    def note_field(self, index: int) -> "NoteField":
        """The note (0) or evidence (1) field, put in place of its spot if it is not yet."""
        self.add_notes()
        assert self.notes is not None
        return self.notes[index]

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_spots()

    def _check_spots(self) -> None:
        """Once laid out, the fields in place of their spots if a spot is in view (scrolled
        to, a larger terminal, a shorter question)."""
        if self.notes is None:
            self.call_after_refresh(self._spots_in_view)

    def _spots_in_view(self) -> None:
        spots = list(self.query(NoteSpot))
        # Not while the app closes: the rows are being taken down then.
        attached = all(isinstance(s.parent, Widget) and s.parent.is_attached for s in spots)
        if self.notes is None and attached and any(self.can_view_partial(s) for s in spots):
            self.add_notes()

    def _load_notes(self, position: Position, answer: Answer) -> None:
        # Shown in visible form: the file keeps its text unless the user edits the field.
        question_id = position.question.id
        note = visible(answer.note, multiline=True)
        evidence = visible(answer.evidence, multiline=True)
        if self.notes is None:
            self.query_one("#note-spot", NoteSpot).show_text(note)
            self.query_one("#evidence-spot", NoteSpot).show_text(evidence)
        else:
            self.notes[0].load(question_id, note)
            self.notes[1].load(question_id, evidence)

    def show(
        self,
        position: Position,
        answer: Answer,
        of_dimension: tuple[int, int],
        found: Found | None = None,
    ) -> None:
        self._shown = (position, answer)
        question = position.question
        number, total = of_dimension
        self.query_one("#where", Static).update(
            Content.assemble(
                (visible(position.area.title), "$foreground-muted"),
                " › ",
                (visible(position.dimension.title), "bold $accent"),
                (f" · {number} of {total}", "$foreground-muted"),
            )
        )
        self.query_one("#text", Static).update(
            Content.styled(visible(question.text, multiline=True), "bold")
        )
        below = [Content(visible(question.help, multiline=True))]
        if question.evidence:
            hints = "Evidence: " + "; ".join(question.evidence)
            below.append(Content.styled(visible(hints), "italic"))
        self._optional("#help", Content("\n").join(part for part in below if part.plain))
        source = ""
        if answer.source and not answer.confirmed:
            source = f"{answer.source}: Enter keeps it, c the whole dimension"
        elif answer.source and not found:
            source = f"Source: {answer.source}"
        resolved = resolve(question, answer)
        if resolved.state == "changed":
            source = (
                f"The model changed since this was answered ({resolved.reason}): "
                "not scored until you choose again"
            )
        self._optional("#source", Content.styled(visible(source), "$warning"))
        self._fill_choices(position, answer, found)
        found_block = self.query_one("#found", Static)
        found_block.display = bool(found and found.findings)
        if found and found.findings:
            found_block.update(found_content(found))
        self._load_notes(position, answer)
        self.scroll_home(animate=False)
        # Once laid out: the question from the top, then as little scrolling as brings the
        # highlighted answer into view (focusing the list on the first paint would scroll the
        # whole list into view and the question off the top of a small terminal).
        self.call_after_refresh(self.settle)

    def settle(self) -> None:
        self.scroll_home(animate=False, immediate=True)
        self.query_one(ChoiceList).scroll_to_highlight()
        self._check_spots()

    def _optional(self, selector: str, content: Content) -> None:
        static = self.query_one(selector, Static)
        static.update(content)
        static.display = bool(content.plain)

    def on_resize(self) -> None:
        self._check_spots()

    def _fill_choices(self, position: Position, answer: Answer, found: Found | None) -> None:
        question = position.question
        choices = self.query_one(ChoiceList)
        suggested = found.suggested if found else None
        differs = f"  {DIFFERS} found" if found and found.claim else ""

        def note(number: int, chosen: bool) -> str:
            # Not yet chosen: the key that takes it, where the eye already is.
            mark = f"  {SUGGESTED}" + ("" if chosen else " (a)") if number == suggested else ""
            return mark + (differs if chosen else "")

        options = [
            Option(
                ChoicePrompt(
                    str(n), visible(c.text), answer.choice == c.id, note(n, answer.choice == c.id)
                ),
                id=choice_id(n),
            )
            for n, c in enumerate(question.choices, start=1)
        ]
        if question.allow_not_applicable:
            chosen = answer.skip == NOT_APPLICABLE
            prompt = ChoicePrompt("n", "Not applicable", chosen, note(0, chosen))
            options.append(Option(prompt, id=NOT_APPLICABLE))
        chosen = answer.skip == DONT_KNOW
        hint = "  (counts as the lowest answer)" + note(0, chosen)
        options.append(Option(ChoicePrompt("d", "Don't know", chosen, hint), id=DONT_KNOW))
        choices.set_options(options)
        number = next(
            (n for n, c in enumerate(question.choices, start=1) if c.id == answer.choice), None
        )
        current = choice_id(number) if number else answer.skip
        choices.highlighted = choices.get_option_index(current) if current else 0
