"""The questionnaire: a sidebar of dimensions, one question at a time, overall progress."""

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList

from assess.domain.assessment import Skip
from assess.safe_text import visible
from assess.tui.screens.saving import saving
from assess.tui.session import Position, Session
from assess.tui.widgets.levels import LevelLadder
from assess.tui.widgets.progress import OverallProgress
from assess.tui.widgets.question import (
    DONT_KNOW,
    NOT_APPLICABLE,
    ChoiceList,
    NoteField,
    QuestionView,
    choice_id,
)
from assess.tui.widgets.sidebar import DimensionList


class QuestionScreen(Screen[None]):
    """Answer the questions; every change is on disk before the next key is handled."""

    AUTO_FOCUS = "#choices"
    BINDINGS = [
        Binding("1", "choose(1)", "Choose", key_display="1-9"),
        *(Binding(str(n), f"choose({n})", f"Choose answer {n}", show=False) for n in range(2, 10)),
        Binding("right", "move(1)", "Next"),
        Binding("left", "move(-1)", "Prev"),
        # Shown beside the choices rather than in the footer, which is full at 80 columns.
        Binding("n", "skip('not-applicable')", "Not applicable", show=False),
        Binding("d", "skip('dont-know')", "Don't know", show=False),
        Binding("u", "next_unanswered", "Unanswered"),
        Binding("e", "edit_note", "Notes"),
        Binding("r", "review", "Review"),
        Binding("s", "focus_sidebar", "Dimensions", show=False),
        Binding("o", "scope_out", "Scope out", show=False),
    ]

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
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.go_to(self.index)

    def on_screen_resume(self) -> None:
        # Back from the review: the answer or the target on screen may have changed there.
        self.go_to(self.index)

    # Showing ----------------------------------------------------------------------------------

    @property
    def position(self) -> Position:
        return self.session.positions[self.index]

    def go_to(self, index: int) -> None:
        self.index = index
        position = self.position
        in_dimension = [p for p in self.session.positions if p.dimension is position.dimension]
        number = in_dimension.index(position) + 1
        self.query_one(QuestionView).show(
            position, self.session.answer(position.question.id), (number, len(in_dimension))
        )
        self.query_one(DimensionList).show_dimension(position.dimension.id)
        self.query_one(LevelLadder).show(
            self.session.questionnaire,
            position.dimension,
            self.session.target(position.dimension.id),
        )
        self._show_progress()
        self.refresh_bindings()

    def _show_progress(self) -> None:
        progress = self.query_one(OverallProgress)
        progress.answered, progress.total = self.session.progress()
        progress.carried = self.session.carried_over()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip" and parameters == (NOT_APPLICABLE,):
            return self.position.question.allow_not_applicable
        return True

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
        if number <= len(self.position.question.choices):
            self._answer(choice_id(number))
        else:
            self.app.bell()

    def action_skip(self, skip: str) -> None:
        if skip == DONT_KNOW or self.position.question.allow_not_applicable:
            self._answer(skip)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, ChoiceList) and event.option.id is not None:
            self._answer(event.option.id)

    def on_note_field_edited(self, event: NoteField.Edited) -> None:
        session = self.session
        if event.field == "note":
            saving(self, lambda: session.note(event.question_id, event.value))
        else:
            saving(self, lambda: session.evidence(event.question_id, event.value))

    def on_note_field_left(self, _: NoteField.Left) -> None:
        self.query_one(ChoiceList).focus()

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

    def action_next_unanswered(self) -> None:
        index = self.session.next_unanswered(self.index)
        if index is None:
            self.notify("Every question is answered: press r to review and finish.")
        else:
            self.go_to(index)

    def on_dimension_list_jump(self, event: DimensionList.Jump) -> None:
        self.go_to(self.session.first_of(event.dimension_id))
        self.query_one(ChoiceList).focus()

    def action_edit_note(self) -> None:
        self.query_one("#note", NoteField).focus()

    def action_focus_sidebar(self) -> None:
        self.query_one(DimensionList).focus()

    def action_review(self) -> None:
        self.post_message(self.ReviewRequested())

    def commands(self) -> Iterable[SystemCommand]:
        """Entries for the command palette."""
        yield SystemCommand(
            "Review", "Scores, targets and gaps; finish the assessment", self.action_review
        )
        yield SystemCommand(
            "Next unanswered question",
            "Jump to the next open question",
            self.action_next_unanswered,
        )
        yield SystemCommand(
            "Dimensions", "Move the focus to the list of dimensions", self.action_focus_sidebar
        )
