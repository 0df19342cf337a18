"""The questionnaire: a sidebar of dimensions, one question at a time, overall progress."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList

from assess.domain.assessment import Skip
from assess.domain.claims import SCAN_SOURCE
from assess.safe_text import visible
from assess.tui.screens.find import FindProvider
from assess.tui.screens.saving import saving
from assess.tui.session import Position, Session
from assess.tui.widgets.found import Found
from assess.tui.widgets.keyline import KeyLine
from assess.tui.widgets.levels import LevelLadder
from assess.tui.widgets.progress import OverallProgress
from assess.tui.widgets.question import (
    DONT_KNOW,
    NOT_APPLICABLE,
    ChoiceList,
    NoteSpot,
    QuestionView,
    choice_id,
)
from assess.tui.widgets.sidebar import DimensionList

if TYPE_CHECKING:
    # The help screen and the dialogs are imported when first opened; the notes fields are
    # mounted after the first paint.
    from assess.tui.screens.help import KeyHelp
    from assess.tui.widgets.notes import NoteField

KEY_HELP: "KeyHelp" = (
    ("1-9", "Choose that answer and go to the next question"),
    ("↑ ↓, Enter", "Choose with the arrow keys (or click an answer)"),
    ("Home, End", "First answer (and the question's top), last answer"),
    ("PageUp, PageDown", "Scroll the question"),
    ("n", "Not applicable (where the question allows it)"),
    ("d", "Don't know (counts as the lowest answer)"),
    ("→ ←", "Next, previous question"),
    ("u", "Next open question (unanswered or unconfirmed), this one first"),
    ("c", "Keep the carried-over answers of this dimension (shows them first)"),
    ("a", "Take the answer the scan suggests (Found:)"),
    ("≠", "Answer differs from the scan: a claim to check"),
    ("e", "Notes, Tab to the evidence, Escape back; Ctrl+Z undoes"),
    ("s", "List of dimensions: Enter jumps to one, Escape back"),
    ("Ctrl+P", "Find a dimension or question by its words"),
    ("o", "Scope out this dimension or its area, with the reason"),
    ("r", "Review: scores, targets, finish and export"),
)


class QuestionScreen(Screen[None]):
    """Answer the questions; every change is on disk before the next key is handled."""

    # Focused in on_mount instead: focusing scrolls the whole list of answers into view,
    # which on a small terminal pushes the question off the top. "" and not None, which
    # would mean the app's "*": the sidebar, focused and styled only to be left at once.
    AUTO_FOCUS = ""
    COMMANDS = {FindProvider}
    BINDINGS = [
        Binding("1", "choose(1)", "Choose", key_display="1-9"),
        *(Binding(str(n), f"choose({n})", f"Choose answer {n}", show=False) for n in range(2, 10)),
        Binding("right", "move(1)", "Move", key_display="→←"),
        Binding("left", "move(-1)", "Prev", show=False),
        Binding("n", "skip('not-applicable')", "Not applicable", show=False),
        Binding("d", "skip('dont-know')", "Don't know", show=False),
        Binding("u", "next_open", "Open"),
        Binding("c", "confirm_dimension", "Confirm"),
        Binding("a", "accept_found", "Accept found", show=False),
        Binding("e", "edit_note", "Notes"),
        Binding("s", "focus_sidebar", "Dimensions", show=False),
        Binding("o", "scope_out", "Scope out", show=False),
        Binding("r", "review", "Review"),
        Binding("escape", "back_to_answers", show=False),
    ]
    KEY_HELP_TITLE = "Questions"
    KEY_HELP = KEY_HELP

    class ReviewRequested(Message):
        """The user wants the review screen."""

    def __init__(self, session: Session, start: int = 0) -> None:
        super().__init__()
        self.session = session
        self.index = start

    def compose(self) -> ComposeResult:
        # No Header: at 80x24 its line is better spent on the question; the progress line
        # names the team and date instead.
        with Horizontal(id="body"):
            yield DimensionList(self.session, id="sidebar")
            yield QuestionView(id="question")
            yield LevelLadder(id="levels")
        assessment = self.session.assessment
        caption = visible(f"{assessment.team} · {assessment.date.isoformat()}")
        yield OverallProgress(caption, id="progress")
        yield KeyLine()

    _just_mounted = False

    _resumed = False

    def post_message(self, message: Message) -> bool:
        # The resume of the push comes once the screen is mounted, and every widget was styled
        # as it was mounted: styling the whole screen again then (as a resume does) would
        # change nothing and delay the first paint.
        if isinstance(message, events.ScreenResume) and not self._resumed:
            self._resumed = True
            message.refresh_styles = False
        return super().post_message(message)

    def on_mount(self) -> None:
        self.set_focus(self.query_one(ChoiceList), scroll_visible=False)
        self.go_to(self.index)
        self._just_mounted = True

    def on_screen_resume(self) -> None:
        # The first resume comes right after on_mount (Textual mounts a screen before it handles
        # the resume of its push), which has just shown the question.
        if self._just_mounted:
            self._just_mounted = False
            return
        # Back from the review: the answer or the target on screen may have changed there.
        self.go_to(self.index)

    # Showing ----------------------------------------------------------------------------------

    @property
    def position(self) -> Position:
        return self.session.positions[self.index]

    def go_to(self, index: int) -> None:
        self.index = index
        position = self.position
        in_dimension = self.session.in_dimension(position.dimension.id)
        number = in_dimension.index(position) + 1
        answer = self.session.answer(position.question.id)
        self.query_one(QuestionView).show(
            position, answer, (number, len(in_dimension)), self._found(position)
        )
        self.query_one(DimensionList).show_dimension(position.dimension.id)
        self.query_one(LevelLadder).show(
            self.session.questionnaire,
            position.dimension,
            self.session.target(position.dimension.id),
        )
        self._show_progress()
        self.refresh_bindings()

    def _found(self, position: Position) -> Found | None:
        findings = self.session.findings(position.question.id)
        if not findings:
            return None
        question = position.question
        answer = self.session.answer(question.id)
        suggested = self.session.suggested(question)
        text = question.choices[suggested - 1].text if suggested else ""
        taken = (
            suggested is not None
            and answer.source == SCAN_SOURCE
            and answer.choice == question.choices[suggested - 1].id
        )
        claim = self.session.claim(position)
        return Found(findings, suggested, text, claim, answer.is_answered, taken)

    def _show_progress(self) -> None:
        progress = self.query_one(OverallProgress)
        progress.answered, progress.total = self.session.progress()
        progress.carried = self.session.carried_over()

    # Answering --------------------------------------------------------------------------------

    def _answer(self, option_id: str) -> None:
        question_id = self.position.question.id

        def change() -> None:
            if option_id in (NOT_APPLICABLE, DONT_KNOW):
                skip: Skip = NOT_APPLICABLE if option_id == NOT_APPLICABLE else DONT_KNOW
                self.session.skip(question_id, skip)
            else:
                self.session.choose(question_id, int(option_id.removeprefix("choice-")))

        if saving(self, change):
            self.query_one(DimensionList).refresh_dimension(self.position.dimension.id)
            self.action_move(1)

    def action_choose(self, number: int) -> None:
        count = len(self.position.question.choices)
        if number <= count:
            self._answer(choice_id(number))
        else:
            self.notify(f"This question has answers 1 to {count} only.", timeout=3)

    def action_skip(self, skip: str) -> None:
        if skip == DONT_KNOW or self.position.question.allow_not_applicable:
            self._answer(skip)
        else:
            self.notify(
                "This question applies to every team: not applicable is not offered "
                "(d for don't know).",
                timeout=4,
            )

    def action_accept_found(self) -> None:
        """Take the answer the scan's findings suggest; the scan becomes its source."""
        position = self.position
        question = position.question
        if self.session.suggested(question) is None:
            found = self.session.findings(question.id)
            why = (
                "The scan found evidence here but suggests no answer: choose one yourself."
                if found
                else "The scan found nothing for this question: nothing to accept."
            )
            self.notify(why, timeout=3)
            return
        if saving(self, lambda: self.session.accept_found(question.id)):
            self.query_one(DimensionList).refresh_dimension(position.dimension.id)
            self.action_move(1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, ChoiceList) and event.option.id is not None:
            self._answer(event.option.id)

    def on_note_field_edited(self, event: "NoteField.Edited") -> None:
        session = self.session
        if event.field == "note":
            saving(self, lambda: session.note(event.question_id, event.value))
        else:
            saving(self, lambda: session.evidence(event.question_id, event.value))

    def on_note_field_left(self, _: "NoteField.Left") -> None:
        self.action_back_to_answers()

    def action_back_to_answers(self) -> None:
        choices = self.query_one(ChoiceList)
        if self.focused is choices:
            return
        self.set_focus(choices, scroll_visible=False)
        choices.scroll_to_highlight()

    def action_confirm_dimension(self) -> None:
        dimension = self.position.dimension
        session = self.session
        carried = session.unconfirmed_in(dimension.id)
        # Never kept in bulk: the choice such an answer named was removed, reworded or given
        # another level, so only a person looking at the question now can say what holds.
        changed = session.changed_in(dimension.id)
        if not carried:
            if changed:
                self.notify(
                    visible(
                        f"{dimension.title}: {len(changed)} answer(s) to choose again one by "
                        "one, as the model changed since they were given."
                    ),
                    timeout=4,
                    markup=False,
                )
                self.go_to(changed[0].index)
            else:
                self.notify(
                    visible(f"{dimension.title}: no carried-over answer left to confirm."),
                    timeout=3,
                    markup=False,
                )
            return
        from assess.tui.screens.carried import ConfirmCarriedScreen

        since = session.answer(carried[0].question.id).source
        answers = [(p.question.text, session.describe(p)) for p in carried]
        to_choose = [
            (p.question.text, session.answer(p.question.id).text or "?", session.why_changed(p))
            for p in changed
        ]

        def confirmed(yes: bool | None) -> None:
            ids = [p.question.id for p in carried]
            if yes and saving(self, lambda: session.confirm(ids)):
                self.query_one(DimensionList).refresh_dimension(dimension.id)
                self.notify(
                    visible(f"{dimension.title}: {len(ids)} kept as they were."),
                    timeout=3,
                    markup=False,
                )
                if session.next_open(self.index) is None:
                    # Nothing left to answer or confirm: on to the review, as after the last
                    # answer.
                    self.action_review()
                else:
                    self.action_next_open()

        self.app.push_screen(
            ConfirmCarriedScreen(dimension.title, since, answers, to_choose), confirmed
        )

    # Moving -----------------------------------------------------------------------------------

    def action_scope_out(self) -> None:
        """Declare the current dimension (or its area) not applicable, once, with a reason."""
        from assess.tui.screens.dialogs import ReasonScreen

        scope = self.session.scope_of(self.position)
        if scope is None:
            self.notify("This part of the model cannot be scoped out.", severity="warning")
            return
        scope_id, title, scope_out = scope

        def done(reason: str | None) -> None:
            if reason is not None and saving(
                self, lambda: self.session.scope_out(scope_id, reason)
            ):
                self.query_one(DimensionList).refresh()
                self.notify(f"{title}: scoped out (undo on the review screen with o).")
                self.action_move(1)

        self.app.push_screen(ReasonScreen(f"{title}. {scope_out.question}", scope_out.reason), done)

    def action_move(self, step: int) -> None:
        target = self.index + step
        # Questions out of scope are passed over.
        positions = self.session.positions
        while 0 <= target < len(positions) and self.session.is_scoped_out(positions[target]):
            target += 1 if step >= 0 else -1
        if target >= len(self.session.positions):
            self.action_review()
        elif target >= 0:
            self.go_to(target)
        else:
            self.notify("This is the first question.", timeout=2)

    def action_next_open(self) -> None:
        index = self.session.next_open(self.index)
        if index is None:
            self.notify("Every question is answered and confirmed: r to review and finish.")
        else:
            self.go_to(index)

    def jump_to_dimension(self, dimension_id: str) -> None:
        self.go_to(self.session.first_open_of(dimension_id))
        self.action_back_to_answers()

    def on_dimension_list_jump(self, event: DimensionList.Jump) -> None:
        self.jump_to_dimension(event.dimension_id)

    def action_edit_note(self) -> None:
        # At once, not after the queue (as Widget.focus does): keys typed right after `e` go
        # into the note.
        self.set_focus(self.query_one(QuestionView).note_field(0))

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        # A notes field's spot (Tab, a click, e) is replaced by the field before it is focused;
        # keys that follow go to the field once it is mounted.
        if isinstance(widget, NoteSpot):
            widget = self.query_one(QuestionView).note_field(0 if widget.id == "note-spot" else 1)
        super().set_focus(widget, scroll_visible, from_app_focus)

    def action_focus_sidebar(self) -> None:
        self.set_focus(self.query_one(DimensionList))

    def action_review(self) -> None:
        self.post_message(self.ReviewRequested())

    def commands(self) -> Iterable[SystemCommand]:
        """Entries for the command palette."""
        yield SystemCommand(
            "Review", "Scores, targets and gaps; finish the assessment", self.action_review
        )
        yield SystemCommand(
            "Next open question",
            "The next question unanswered or not yet confirmed",
            self.action_next_open,
        )
        if self.session.suggested(self.position.question) is not None:
            yield SystemCommand(
                "Accept found",
                "Take the answer the scan suggests for this question",
                self.action_accept_found,
            )
        yield SystemCommand(
            "Dimensions", "Move the focus to the list of dimensions", self.action_focus_sidebar
        )
