"""The terminal questionnaire: start → questions ⇄ review. This module only sequences screens."""

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from assess.domain.assessment import Assessment
from assess.safe_text import visible
from assess.tui.base_app import AssessBaseApp
from assess.tui.context import FillContext, Opened
from assess.tui.screens.questions import QuestionScreen
from assess.tui.session import Session

if TYPE_CHECKING:
    from assess.tui.screens.review import ReviewResult

# The start and review screens are imported when first shown: the questions paint sooner.


class Outcome(NamedTuple):
    """What the user left behind: the saved assessment and where it is."""

    assessment: Assessment
    path: Path
    written: bool = True
    """False when no answer was given, so no file was created."""
    failed: bool = False
    """The last save failed: some of what was on screen is not on disk."""


class AssessApp(AssessBaseApp[Outcome]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    START_CSS = (Path(__file__).parent / "start.tcss").resolve()
    """The start screen's styles (its CSS_PATH): read with the app's own when the app opens on
    the start screen, so that showing it does not parse and apply every style again. An app
    that opens on the questions never shows the start screen, and never parses them."""

    def __init__(self, context: FillContext) -> None:
        super().__init__()
        self.context = context
        if context.opened is None:
            self.css_path = [*self.css_path, self.START_CSS]
        self.session: Session | None = None
        self.questions: QuestionScreen | None = None

    def on_mount(self) -> None:
        self.show_first(self._first_screen)

    def _first_screen(self) -> None:
        context = self.context
        if context.opened is not None:
            self._open(context.opened)
        else:
            from assess.tui.screens.start import StartScreen

            self.push_screen(StartScreen(context), self._open)

    def _open(self, opened: Opened | None) -> None:
        if opened is None:
            return
        holder = opened.store.held_by
        if holder is not None:
            from assess.tui.screens.lock import OpenElsewhereScreen

            def decided(take_over: bool | None) -> None:
                if take_over:
                    opened.store.take_over()
                self._fill(opened)

            self.push_screen(OpenElsewhereScreen(holder), decided)
            return
        self._fill(opened)

    def _fill(self, opened: Opened) -> None:
        self.session = Session(opened, self.context.now)
        start = self.session.next_open()
        self.questions = QuestionScreen(self.session, 0 if start is None else start)
        self.push_screen(self.with_breakpoints(self.questions))
        if opened.warning:
            self.notify(visible(opened.warning), severity="warning", timeout=10, markup=False)
        if self.session.read_only:
            self.notify("Opened read-only: changes are not saved.", severity="warning")

    def on_question_screen_review_requested(self, _: QuestionScreen.ReviewRequested) -> None:
        from assess.tui.screens.review import ReviewScreen

        assert self.session is not None
        review = ReviewScreen(self.session, self.context.export_pdf, self.context.open_file)
        self.push_screen(review, self._reviewed)

    def _reviewed(self, result: "ReviewResult") -> None:
        from assess.tui.screens.review import JumpTo

        if isinstance(result, JumpTo) and self.questions is not None:
            self.questions.go_to(result.index)

    async def action_quit(self) -> None:
        self._leave()

    def _leave(self) -> None:
        session = self.session
        if session is None:
            self.exit()
        else:
            store = session.store
            self.exit(Outcome(session.assessment, session.path, store.exists, store.failed))
