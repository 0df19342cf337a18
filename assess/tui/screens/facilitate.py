"""The facilitator's screen: where the respondents disagree, and the answer the team agrees on.

One question at a time, the disagreements first (widest range first), then the agreed answers
of questions no longer in disagreement and, on request, every other question. Each choice shows
how many respondents gave it, as a small bar, and who (their labels). Every decision is saved at
once through the callable the command line gives.
"""

import textwrap
from collections.abc import Iterable
from fractions import Fraction

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from assess.domain.answers import answer_for
from assess.domain.assessment import Answer
from assess.domain.consensus import DONT_KNOW, NOT_APPLICABLE, UNANSWERED, QuestionConsensus
from assess.domain.numbers import points_text, shown
from assess.domain.questionnaire import Choice
from assess.safe_text import visible
from assess.tui.facilitation import FacilitateContext, Facilitation, Said
from assess.tui.screens.help import KeyHelp
from assess.tui.screens.saving import saving
from assess.tui.widgets.answer_list import AnswerList

KEY_HELP: KeyHelp = (
    ("1-9", "Agree on that answer and go to the next question"),
    ("↑ ↓, Enter", "Agree on the highlighted answer"),
    ("d, n", "Agree on don't know, on not applicable (where the question allows it)"),
    ("m", "Keep the median: drop the agreed answer of this question"),
    ("e", "Note for the agreed answer (Enter saves, Escape cancels)"),
    ("→ ←", "Next, previous question"),
    ("a", "Also show the questions without disagreement (a again: only the discussion)"),
    ("Home, End", "First answer (and the question's top), last answer"),
    ("PageUp, PageDown", "Scroll the question"),
    ("Escape", "Back to the start screen (when opened from there)"),
)

BAR = 10
"""Cells of the bar of a choice chosen by every respondent."""


def _bar(count: int, total: int) -> str:
    filled = (count * BAR + total // 2) // total if total else 0
    if count and not filled:
        filled = 1
    return "█" * filled + "░" * (BAR - filled)


class AgreeList(AnswerList, inherit_bindings=False):
    """The answers with their bars, in the scrolling view of the question."""

    BINDINGS = AnswerList.with_enter("Agree")


class FacilitateView(VerticalScroll, can_focus=False, inherit_bindings=False):
    """Scrolls with the mouse and through the answers' keys: the arrow keys belong to the
    answers and the screen."""


class AgreedNoteScreen(ModalScreen[str | None]):
    """The agreed answer's note: Enter saves, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, note: str) -> None:
        super().__init__()
        self.question = question
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content.styled(visible(self.question), "bold"))
            yield Label("Why the team settled on this answer:")
            yield Input(visible(self.note), id="agreed-note")
            yield Label("Enter to save, Escape to cancel", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FacilitateScreen(Screen[None]):
    """Goes through the questions the respondents disagree on; each decision is saved at once."""

    # Focused in on_mount without scrolling. "" turns auto focus off; None would mean the app's
    # "*".
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("1", "agree(1)", "Agree", key_display="1-9"),
        *(Binding(str(n), f"agree({n})", f"Agree on {n}", show=False) for n in range(2, 10)),
        Binding("d", "agree_skip('dont-know')", "Don't know", show=False),
        Binding("n", "agree_skip('not-applicable')", "Not applicable", show=False),
        Binding("right", "move(1)", "Move", key_display="→←"),
        Binding("left", "move(-1)", "Prev", show=False),
        Binding("m", "keep_median", "Median"),
        Binding("e", "note", "Note"),
        Binding("a", "toggle_all", "All"),
        Binding("escape", "back", show=False),
    ]
    KEY_HELP_TITLE = "Facilitate"
    KEY_HELP = KEY_HELP
    CSS = """
    #facilitate { height: 1fr; padding: 0 1 0 2; }
    #fac-where { dock: top; margin-bottom: 1; }
    #fac-text { margin-bottom: 1; }
    #fac-help { margin-bottom: 1; }
    #fac-choices { height: auto; margin: 1 0; border: none; padding: 0; }
    #fac-choices:focus { border: none; }
    #fac-notes { margin-bottom: 1; }
    #fac-progress { height: 1; padding: 0 1; background: $panel; }
    AgreedNoteScreen { align: center middle; }
    AgreedNoteScreen Input { border: none; height: 1; padding: 0 1; background: $boost; }
    """

    def __init__(self, context: FacilitateContext, can_go_back: bool = False) -> None:
        super().__init__()
        self.facilitation = Facilitation(context)
        self.can_go_back = can_go_back
        self.show_all = False
        self.order: list[str] = []
        self.index = 0

    def compose(self) -> ComposeResult:
        with FacilitateView(id="facilitate"):
            yield Static(id="fac-where")
            yield Static(id="fac-text")
            yield Static(id="fac-help")
            yield Static(id="fac-spread")
            yield Static(id="fac-status")
            yield AgreeList(id="fac-choices")
            yield Static(id="fac-notes")
        yield Static(id="fac-progress")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._reorder()
        self.set_focus(self.query_one(AgreeList), scroll_visible=False)
        if not self.order:
            self._show_nothing()
        else:
            self.go_to(0)

    # Which questions --------------------------------------------------------------------------

    def _reorder(self, keep: str | None = None) -> None:
        facilitation = self.facilitation
        self.order = facilitation.discussed()
        if self.show_all:
            self.order += facilitation.others()
        if keep in self.order:
            self.index = self.order.index(keep)
        else:
            self.index = min(self.index, max(0, len(self.order) - 1))

    @property
    def current(self) -> str | None:
        return self.order[self.index] if self.order else None

    def _show_nothing(self) -> None:
        count = self.facilitation.consensus.respondents
        self.query_one("#fac-where", Static).update(
            Content.styled("Nothing to discuss", "bold $accent")
        )
        self.query_one("#fac-text", Static).update(
            f"The {count} respondent{'s' if count != 1 else ''} agree within one level on "
            "every question: the median is the team's answer. a shows every question."
        )
        for name in ("#fac-help", "#fac-spread", "#fac-status", "#fac-notes"):
            self.query_one(name, Static).display = False
        self.query_one(AgreeList).display = False
        self._show_progress()

    # Showing ----------------------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        self.index = index
        question_id = self.order[index]
        facilitation = self.facilitation
        question = facilitation.question(question_id)
        result = facilitation.of(question_id)
        said = facilitation.said(question_id)
        dimension = next(
            (
                d.title
                for d, q in facilitation.context.questionnaire.questions()
                if q.id == question_id
            ),
            None,
        )
        discussed = len(facilitation.discussed())
        if index < discussed:
            kind = "Disagreement" if result.flagged else "Agreed earlier"
            where = f"{kind} {index + 1} of {discussed}"
        else:
            where = f"Other question {index - discussed + 1} of {len(self.order) - discussed}"
        self.query_one("#fac-where", Static).update(
            Content.assemble(
                (where, "bold $accent"),
                (f" · {visible(dimension)}" if dimension else "", "$foreground-muted"),
            )
        )
        self.query_one("#fac-text", Static).update(
            Content.styled(visible(question.text, multiline=True), "bold")
        )
        help_view = self.query_one("#fac-help", Static)
        help_view.update(Content.styled(visible(question.help, multiline=True), "$text-muted"))
        help_view.display = bool(question.help)
        self.query_one("#fac-spread", Static).update(self._spread(result))
        self.query_one("#fac-status", Static).update(self._status(result))
        self._fill_choices(question_id, result, said)
        notes = [s for s in said if s.note or s.evidence]
        notes_view = self.query_one("#fac-notes", Static)
        notes_view.update(
            Content.assemble(
                ("Notes of the respondents", "bold"),
                *(
                    part
                    for s in notes
                    for part in (
                        "\n",
                        (visible(s.label), "$accent"),
                        ": ",
                        visible(s.note, multiline=True),
                        (" · evidence: " if s.note and s.evidence else "evidence: ")
                        if s.evidence
                        else "",
                        visible(s.evidence, multiline=True),
                    )
                ),
            )
        )
        notes_view.display = bool(notes)
        for name in ("#fac-spread", "#fac-status"):
            self.query_one(name, Static).display = True
        self.query_one(AgreeList).display = True
        self._show_progress()
        view = self.query_one("#facilitate", VerticalScroll)
        view.scroll_home(animate=False)
        self.call_after_refresh(self._settle)

    def _settle(self) -> None:
        self.query_one("#facilitate", VerticalScroll).scroll_home(animate=False, immediate=True)
        self.query_one(AgreeList).scroll_to_highlight()

    def _spread(self, result: QuestionConsensus) -> Content:
        count = self.facilitation.consensus.respondents
        parts: list[str | tuple[str, str]] = [f"{count} respondents"]
        if result.low is not None and result.high is not None:
            parts.append(
                f" · levels {_number(result.low)} to {_number(result.high)} "
                f"(range {_number(result.range or Fraction(0))}, "
                f"IQR {_number(result.iqr or Fraction(0))})"
            )
        median = result.median
        if median is not None:
            parts.append((f" · median: {visible(self._describe(result.question, median))}", ""))
        return Content.assemble(*parts)

    def _status(self, result: QuestionConsensus) -> Content:
        agreed = result.agreed
        if agreed is None:
            return Content.styled("Not agreed yet: the median counts (1-9 to agree)", "$warning")
        what = visible(self._describe(result.question, agreed.answer))
        note = f" ({visible(agreed.note, multiline=True)})" if agreed.note else ""
        if result.reopened:
            return Content.assemble(
                ("Reopened: ", "bold $error"),
                f"agreed on {what}{note}, but the answers changed since; agree again or m",
            )
        return Content.assemble(("Agreed: ", "bold $success"), f"{what}{note}")

    def _describe(self, question_id: str, answer: Answer) -> str:
        if answer.skip == DONT_KNOW:
            return "Don't know"
        if answer.skip == NOT_APPLICABLE:
            return "Not applicable"
        question = self.facilitation.question(question_id)
        choice = next((c for c in question.choices if c.id == answer.choice), None)
        return choice.text if choice is not None else answer.text

    def _fill_choices(self, question_id: str, result: QuestionConsensus, said: list[Said]) -> None:
        question = self.facilitation.question(question_id)
        choices = self.query_one(AgreeList)
        width = choices.scrollable_content_region.width
        total = len(said)
        agreed = result.agreed.answer if result.agreed is not None else None
        median = result.median

        def prompt(
            key: str, text: str, value: str, answer: Answer | None, worth: str = ""
        ) -> Content:
            who = [s.label for s in said if s.key == value]
            is_agreed = agreed is not None and answer is not None and _same(agreed, answer)
            is_median = median is not None and answer is not None and _same(median, answer)
            lines = textwrap.wrap(text, max(10, width - 4)) or [text]
            names = ", ".join(visible(w) for w in who)
            name_lines = textwrap.wrap(names, max(10, width - 17)) if names else []
            mark = ("● ", "$success bold") if is_agreed else ("○ ", "$foreground-muted")
            tags = (
                (f"  {worth}" if worth else ""),
                ("  agreed" if is_agreed else ""),
                ("  median" if is_median else ""),
            )
            # The tags go to a line of their own when they would run past the right edge.
            lead = ""
            if len(lines[-1]) + sum(map(len, tags)) > width - 4:
                lead = "\n  "
            return Content.assemble(
                (f"{key} ", "$accent bold"),
                mark,
                ("\n    ".join(lines), "bold" if is_agreed else ""),
                lead,
                (tags[0], "$foreground-muted"),
                (tags[1], "$success"),
                (tags[2], "$foreground-muted"),
                "\n    ",
                (_bar(len(who), total), "$accent"),
                f" {len(who):>2} ",
                ("\n" + " " * 17).join(name_lines),
            )

        options = [
            Option(
                prompt(str(n), visible(c.text), c.id, answer_for(question, c), _worth(c)),
                id=f"choice-{n}",
            )
            for n, c in enumerate(question.choices, start=1)
        ]
        if question.allow_not_applicable or result.distribution.get(NOT_APPLICABLE):
            options.append(
                Option(
                    prompt("n", "Not applicable", NOT_APPLICABLE, Answer(skip="not-applicable")),
                    id=NOT_APPLICABLE,
                )
            )
        options.append(
            Option(prompt("d", "Don't know", DONT_KNOW, Answer(skip="dont-know")), id=DONT_KNOW)
        )
        if result.distribution.get(UNANSWERED):
            options.append(
                Option(prompt("-", "No answer", UNANSWERED, None), id=UNANSWERED, disabled=True)
            )
        choices.set_options(options)
        current = None
        if agreed is not None:
            number = next(
                (n for n, c in enumerate(question.choices, 1) if c.id == agreed.choice), None
            )
            current = f"choice-{number}" if number else agreed.skip
        choices.highlighted = choices.get_option_index(current) if current else 0

    def _show_progress(self) -> None:
        facilitation = self.facilitation
        flagged = facilitation.consensus.disagreements
        agreed = sum(1 for q in flagged if q.agreed is not None and not q.reopened)
        reopened = sum(1 for q in facilitation.consensus.questions if q.reopened)
        team = facilitation.context.team
        text = (
            f"{team} · {facilitation.consensus.respondents} respondents · "
            f"{agreed} of {len(flagged)} disagreements agreed"
        )
        if reopened:
            text += f" · {reopened} reopened"
        self.query_one("#fac-progress", Static).update(Content(visible(text)))

    def on_resize(self) -> None:
        if self.order:
            self.go_to(self.index)

    # Deciding ---------------------------------------------------------------------------------

    def _decide(self, answer: Answer) -> None:
        question_id = self.current
        if question_id is None:
            self.notify("Nothing to agree on here: a shows every question.", timeout=3)
            return
        if saving(self, lambda: self.facilitation.set_answer(question_id, answer)):
            self.action_move(1, at_end="Every question of the list is decided.")

    def action_agree(self, number: int) -> None:
        question_id = self.current
        if question_id is None:
            self.notify("Nothing to agree on here: a shows every question.", timeout=3)
            return
        question = self.facilitation.question(question_id)
        if number > len(question.choices):
            self.notify(f"This question has answers 1 to {len(question.choices)} only.", timeout=3)
            return
        self._decide(answer_for(question, question.choices[number - 1]))

    def action_agree_skip(self, skip: str) -> None:
        question_id = self.current
        if question_id is None:
            self.notify("Nothing to agree on here: a shows every question.", timeout=3)
            return
        if (
            skip == NOT_APPLICABLE
            and not self.facilitation.question(question_id).allow_not_applicable
        ):
            self.notify(
                "This question applies to every team: not applicable is not offered.", timeout=4
            )
            return
        self._decide(Answer(skip="not-applicable" if skip == NOT_APPLICABLE else "dont-know"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option = event.option.id
        if option is None:
            return
        if option.startswith("choice-"):
            self.action_agree(int(option.removeprefix("choice-")))
        else:
            self.action_agree_skip(option)

    def action_keep_median(self) -> None:
        question_id = self.current
        if question_id is None or self.facilitation.of(question_id).agreed is None:
            self.notify("No agreed answer here: the median already counts.", timeout=3)
            return
        if saving(self, lambda: self.facilitation.keep_median(question_id)):
            self._reorder(keep=question_id)
            if self.order:
                self.go_to(self.index)
            else:
                self._show_nothing()
            self.notify("Agreed answer dropped: the median counts.", timeout=3)

    def action_note(self) -> None:
        question_id = self.current
        if question_id is None:
            self.notify("Nothing to note here: a shows every question.", timeout=3)
            return
        agreed = self.facilitation.of(question_id).agreed
        if agreed is None:
            self.notify("Agree on an answer first (1-9), then e for its note.", timeout=3)
            return

        def done(note: str | None) -> None:
            if note is not None and saving(
                self, lambda: self.facilitation.set_note(question_id, note)
            ):
                self.go_to(self.index)

        text = self.facilitation.question(question_id).text
        self.app.push_screen(AgreedNoteScreen(text, agreed.note), done)

    # Moving -----------------------------------------------------------------------------------

    def action_move(self, step: int, at_end: str = "") -> None:
        if not self.order:
            self.notify("Nothing to discuss: a shows every question.", timeout=3)
            return
        target = self.index + step
        if target >= len(self.order):
            self.go_to(self.index)
            more = "" if self.show_all else " a shows the other questions."
            self.notify((at_end or "This is the last question.") + more, timeout=3)
        elif target < 0:
            self.notify("This is the first question.", timeout=2)
        else:
            self.go_to(target)

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self._reorder(keep=self.current)
        if not self.order:
            self._show_nothing()
            self.notify("No respondent answered any question.", timeout=3)
            return
        self.go_to(self.index)
        others = len(self.facilitation.others())
        if self.show_all:
            self.notify(f"{others} other questions after the discussion.", timeout=3)
        else:
            self.notify("Only the questions to discuss.", timeout=3)

    def action_back(self) -> None:
        if self.can_go_back:
            self.facilitation.context.close()
            self.dismiss(None)
        else:
            self.notify("q quits: every decision is already saved.", timeout=3)

    def commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Every question", "Also show questions without disagreement", self.action_toggle_all
        )


def _worth(choice: Choice) -> str:
    if choice.points is not None:
        return f"{points_text(choice.points)} points"
    return f"level {choice.level}" if choice.level is not None else ""


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else shown(value)


def _same(a: Answer, b: Answer) -> bool:
    return a.choice == b.choice and a.skip == b.skip
