"""Review: per dimension score, level, target (editable) and gap; open questions; finish."""

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rich.console import JustifyMethod
from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Label, OptionList, Static
from textual.widgets.option_list import Option

from assess.domain.coverage import answered_mark, not_scored_reason
from assess.domain.numbers import Number, shown
from assess.domain.scoring import DimensionScore
from assess.errors import OutputExists
from assess.safe_text import visible
from assess.tui.context import ExportPdf, OpenFile
from assess.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PathScreen
from assess.tui.screens.help import KeyHelp
from assess.tui.screens.saving import saving
from assess.tui.session import Session
from assess.tui.widgets.chart import score_bar
from assess.tui.widgets.keyline import KeyLine


@dataclass(frozen=True)
class JumpTo:
    """Go back to the questions, at this one."""

    index: int


ReviewResult = JumpTo | None
"""None: back to the questions where the user was."""

KEY_HELP: KeyHelp = (
    ("↑ ↓, Enter", "Select a dimension; Enter opens its first open question"),
    ("PageUp, PageDown", "Page through the dimensions (and the summary, the open questions)"),
    ("Home, End", "First, last dimension"),
    ("+ -", "Raise, lower the selected dimension's target"),
    ("Tab", "Move to the open questions; Enter jumps to one"),
    ("f", "Finish: mark the assessment complete, then export the PDF"),
    ("x", "Export the PDF report (a draft until finished)"),
    ("o", "Bring back a dimension or area that was scoped out"),
    ("Escape, b", "Back to the questions"),
)

AREA = "area:"
"""Row keys of the area headings start with this; dimension ids cannot (no colon)."""
COLUMNS = ("Dimension", "Score", "Level", "Target", "Gap", "Score ▸ target │")


def _number(value: Number | None, up: bool = False) -> str:
    return "–" if value is None else shown(value, up=up)


class ScoreTable(DataTable[Text]):
    """The table of scores. Home and End select the first and last dimension (Textual's table
    only scrolls sideways there); PageUp on the first rows also brings the summary above into
    view, PageDown on the last rows the open questions below."""

    BINDINGS = [
        Binding("home", "first", "First dimension", show=False),
        Binding("end", "last", "Last dimension", show=False),
    ]

    def _page(self) -> VerticalScroll | None:
        parent = self.parent
        return parent if isinstance(parent, VerticalScroll) else None

    def action_first(self) -> None:
        # Row 0 is the first area's heading.
        self.move_cursor(row=min(1, self.row_count - 1), animate=False)
        page = self._page()
        if page is not None:
            page.scroll_home(animate=False)

    def action_last(self) -> None:
        self.move_cursor(row=self.row_count - 1, animate=False)
        page = self._page()
        if page is not None:
            page.scroll_end(animate=False)

    def action_page_up(self) -> None:
        super().action_page_up()
        page = self._page()
        if page is not None and self.cursor_row <= 1:
            page.scroll_home(animate=False)

    def action_page_down(self) -> None:
        super().action_page_down()
        page = self._page()
        if page is not None and self.cursor_row >= self.row_count - 1:
            page.scroll_end(animate=False)


class ReviewScreen(Screen[ReviewResult]):
    """What the answers add up to, and what is still open."""

    # Focused in on_mount without scrolling: focusing would scroll the summary off a small
    # terminal. "" turns auto focus off; None would mean the app's "*".
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("plus,equals_sign", "target(1)", "Target", key_display="+-"),
        Binding("minus", "target(-1)", "Lower target", show=False),
        Binding("f", "finish", "Finish"),
        Binding("x", "export", "Export PDF"),
        Binding("escape,b", "back", "Back", key_display="esc"),
        Binding("o", "scope_in", "Bring back scoped out", show=False),
    ]
    KEY_HELP_TITLE = "Review"
    KEY_HELP = KEY_HELP

    def __init__(
        self, session: Session, export_pdf: ExportPdf | None, open_file: OpenFile | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.export_pdf = export_pdf
        self.open_file = open_file

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="review"):
            yield Static(id="summary")
            yield ScoreTable(id="scores", cursor_type="row", zebra_stripes=True)
            yield Static(id="export-status")
            yield Label(id="open-title")
            yield OptionList(id="unanswered")
        yield KeyLine()

    def on_mount(self) -> None:
        self.query_one("#scores", DataTable).focus(scroll_visible=False)
        self.query_one("#export-status", Static).display = False
        self._show_scores()
        # The table holds colours, not theme variables: repaint it when the theme changes.
        self.watch(self.app, "theme", lambda _: self._show_scores(), init=False)
        self._show_unanswered()

    def on_resize(self) -> None:
        self._show_scores()

    def _show_scores(self) -> None:
        card = self.session.scorecard()
        questionnaire = self.session.questionnaire
        answered, total = self.session.progress()
        unconfirmed = self.session.carried_over()
        changed = len(self.session.changed())
        overall = _number(card.score)
        if card.level is not None:
            overall += f" (level {card.level}, {visible(questionnaire.level_name(card.level))})"
        assessment = self.session.assessment
        # In the text rather than a header line, so that a long team name wraps instead of
        # being cut.
        lines = [
            Content.assemble(
                ("Review", "bold $accent"),
                visible(
                    f" · {assessment.team} · {questionnaire.title} · {assessment.date.isoformat()}"
                ),
            ),
            Content.assemble(
                ("Overall ", "bold"),
                (overall, "bold $accent"),
                f"   {answered} of {total} answered",
                (f", {unconfirmed} not yet confirmed" if unconfirmed else "", "$warning"),
                (f", {changed} to choose again" if changed else "", "$warning"),
                "   status: ",
                (self.session.assessment.status, "$success"),
            ),
        ]
        if card.ml_test_score is not None:
            lines.append(Content(visible(f"Band: {card.ml_test_score.band}")))
        if card.dora is not None:
            lines.append(Content(visible(f"DORA 2024 cluster: {card.dora.describe()}")))
        scoped = self.session.scoped_out()
        if scoped:
            names = "; ".join(
                f"{visible(title)} ({visible(reason)})" for _, title, reason in scoped
            )
            lines.append(Content(f"Scoped out: {names}. o brings them back."))
        scan = self.session.scan_counts()
        if scan is not None:
            backed, differ = scan
            differs = f", {differ} differ{'s' if differ == 1 else ''} from it (≠: claims to check)"
            lines.append(
                Content.assemble(
                    f"Scan: {backed} answer{'s' if backed != 1 else ''} backed by its evidence",
                    (differs if differ else "", "$warning"),
                )
            )
        if card.gaps:
            top = ", ".join(f"{d.title} ({_number(d.gap, up=True)})" for d in card.gaps[:3])
            lines.append(Content(visible(f"Largest gaps: {top}")))
        lines.append(
            Content.styled(
                "+ and - change the selected dimension's target; Enter opens it.",
                "$foreground-muted",
            )
        )
        self.query_one("#summary", Static).update(Content("\n").join(lines))
        # Rebuilt rather than updated: column widths follow the content and the terminal.
        table = self.query_one("#scores", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        # The title column's width is set, not measured: rows of several lines are measured
        # later, and a picture taken before that would show the column too narrow.
        longest = max(len(visible(d.title)) for d in card.dimensions)
        table.add_column(COLUMNS[0], width=min(longest, self._title_room()) + 2)
        table.add_columns(*COLUMNS[1:])
        # Grouped by area, as in the sidebar and the PDF: a heading row, then its dimensions.
        areas = {a.area: a for a in card.areas}
        area = None
        for d in card.dimensions:
            if d.area != area:
                area = d.area
                heading = areas[area]
                table.add_row(
                    self._text((visible(heading.title), "accent")),
                    self._text((_number(heading.score), "accent"), justify="right"),
                    key=f"{AREA}{area}",
                )
            table.add_row(*self._row(d), key=d.dimension, height=None)
        table.move_cursor(row=cursor if cursor > 0 else 1, animate=False)

    def _text(self, *runs: tuple[str, str], justify: JustifyMethod = "left") -> Text:
        """Rich text for the table (it does not read Textual markup), in the theme's colours."""
        colors = self.app.theme_variables
        text = Text(end="", justify=justify)
        for characters, variable in runs:
            text.append(characters, colors.get(variable, ""))
        return text

    def _title_room(self) -> int:
        return 60 if self.size.width >= 110 else 22

    def _row(self, d: DimensionScore) -> tuple[Text, ...]:
        questionnaire = self.session.questionnaire
        reason = not_scored_reason(d) or ""
        level = (
            reason if d.level is None else f"{d.level} {visible(questionnaire.level_name(d.level))}"
        )
        if d.scoped_out:
            level = "scoped out"
        shown = d.points if d.points is not None else d.score
        mark = answered_mark(d)  # '3 of 4 answered': the score rests on part of the questions
        # At 80 columns long titles would push the chart off screen.
        wide = self.size.width >= 110
        # Long titles wrap (the row grows) rather than being cut.
        room = self._title_room()
        title = "\n".join("  " + line for line in textwrap.wrap(visible(d.title), room))
        return (
            self._text((title, "")),
            self._text((_number(shown), ""), justify="right"),
            self._text((level, ""), *([(f" ({mark})", "foreground-muted")] if mark else [])),
            self._text((str(d.target), ""), justify="right"),
            self._text(
                (_number(d.gap, up=True), "warning" if (d.gap or 0) > 0 else "success"),
                justify="right",
            ),
            self._text(
                *score_bar(d.score, d.target, questionnaire.top_level, 8 if wide else 3, reason)
            ),
        )

    def _show_unanswered(self) -> None:
        unanswered = self.session.unanswered()
        # Answers the model changed under are as open as unanswered ones: each needs a choice.
        changed = self.session.changed()
        title = self.query_one("#open-title", Label)
        parts = [f"{len(unanswered)} unanswered"] if unanswered else []
        if changed:
            parts.append(f"{len(changed)} to choose again as the model changed")
        title.update(
            f"Open questions ({', '.join(parts)}): Enter jumps to one"
            if parts
            else "Every question is answered."
        )
        options = self.query_one("#unanswered", OptionList)
        rows = [(p, "") for p in unanswered] + [
            (p, f"  (changed: {self.session.why_changed(p)})") for p in changed
        ]
        rows.sort(key=lambda row: row[0].index)
        options.set_options(
            Option(
                Content.assemble(
                    (visible(p.dimension.title), "$accent"),
                    " · ",
                    visible(p.question.text),
                    (visible(why), "$warning"),
                ),
                id=str(p.index),
            )
            for p, why in rows
        )
        options.display = bool(rows)
        if rows:
            options.highlighted = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return self.export_pdf is not None
        return True

    # Actions ----------------------------------------------------------------------------------

    def _selected_dimension(self) -> str | None:
        table = self.query_one("#scores", DataTable)
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        key = str(row_key.value)
        return None if key.startswith(AREA) else key

    def action_target(self, step: int) -> None:
        dimension_id = self._selected_dimension()
        if dimension_id is None:
            self.notify("Select a dimension to change its target (an area has none).", timeout=3)
            return
        level = self.session.target(dimension_id) + step
        if saving(self, lambda: self.session.set_target(dimension_id, level)):
            self._show_scores()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value)
        if not key.startswith(AREA):
            self.dismiss(JumpTo(self.session.first_open_of(key)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(JumpTo(int(event.option.id)))

    def action_scope_in(self) -> None:
        """Undo every scope-out, after asking; the answers given before come back."""
        scoped = self.session.scoped_out()
        if not scoped:
            self.notify("Nothing is scoped out.")
            return
        names = "; ".join(f"{title} ({reason})" for _, title, reason in scoped)

        def bring_back() -> None:
            for scope_id, _, _ in scoped:
                self.session.scope_in(scope_id)

        def done(yes: bool | None) -> None:
            if yes and saving(self, bring_back):
                self._show_scores()
                self._show_unanswered()

        self.app.push_screen(ConfirmScreen(f"Bring back: {names}?", "Bring back"), done)

    def action_back(self) -> None:
        self.dismiss(None)

    def _show_status(self, text: str) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Content(visible(text)))
        status.display = True

    def action_finish(self) -> None:
        unanswered = len(self.session.unanswered())
        unconfirmed = self.session.carried_over()
        changed = len(self.session.changed())
        if self.session.assessment.status == "complete" and not unanswered and not changed:
            self._offer_export("The assessment is already complete.")
            return
        open_parts = []
        if unanswered:
            open_parts.append(
                f"{unanswered} question{'s are' if unanswered > 1 else ' is'} unanswered "
                "and will not be scored"
            )
        if changed:
            open_parts.append(
                f"{changed} answer{'s' if changed > 1 else ''} the model changed under "
                f"{'are' if changed > 1 else 'is'} left out of the score until chosen again"
            )
        if unconfirmed:
            open_parts.append(
                f"{unconfirmed} carried-over answer{'s are' if unconfirmed > 1 else ' is'} "
                "not confirmed and will count as they were"
            )
        if open_parts:
            question = "; ".join(open_parts) + ". Finish anyway?"
            self.app.push_screen(
                ConfirmScreen(question[0].upper() + question[1:], "Finish"), self._finish_if
            )
        else:
            self._finish_if(True)

    def _finish_if(self, confirmed: bool | None) -> None:
        if confirmed and saving(self, self.session.finish):
            self._show_scores()
            self._show_status("The assessment is complete.")
            self._offer_export("The assessment is marked complete.")

    def _offer_export(self, done: str) -> None:
        if self.export_pdf is None:
            self.notify(done, timeout=5)
            return
        self.app.push_screen(
            ChoiceScreen(
                f"{done} Export the PDF report now?",
                [("y", "Export PDF", "export"), ("n", "Not now", "no")],
            ),
            lambda answer: self._ask_path() if answer == "export" else None,
        )

    def action_export(self) -> None:
        if self.export_pdf is None:
            return
        if self.session.assessment.status == "complete":
            self._ask_path()
            return

        def chosen(answer: str | None) -> None:
            if answer == "finish":
                self.action_finish()
            elif answer == "draft":
                self._ask_path()

        self.app.push_screen(
            ChoiceScreen(
                "The assessment is not finished: the report will say DRAFT on every page.",
                [("f", "Finish first", "finish"), ("d", "Export a draft", "draft")],
            ),
            chosen,
        )

    def _ask_path(self) -> None:
        proposed = self.session.path.with_suffix(".pdf")
        self.app.push_screen(PathScreen("Export the report as PDF to:", proposed), self._export_to)

    def _export_to(self, path: Path | None) -> None:
        if path is None:
            return
        # An existing file: the exporter refuses, and _ask_replace asks first.
        self._show_status(f"Exporting the PDF report to {path} …")
        self._export(path)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, path: Path, replace: bool = False) -> None:
        assert self.export_pdf is not None
        try:
            written = self.export_pdf(
                self.session.questionnaire, self.session.assessment, path, replace
            )
        except OutputExists:
            self.app.call_from_thread(self._ask_replace, path)
        except Exception as error:  # any failure is shown; the TUI keeps running
            message = getattr(error, "message", None) or str(error)
            self.app.call_from_thread(self._exported, None, message)
        else:
            self.app.call_from_thread(self._exported, written, "")

    def _ask_replace(self, path: Path) -> None:
        def answered(replace: bool | None) -> None:
            if replace:
                self._export(path, replace=True)
            else:
                self.query_one("#export-status", Static).display = False

        question = f"{path} already exists. Replace it with the PDF report?"
        self.app.push_screen(ConfirmScreen(question, "Replace"), answered)

    def _exported(self, written: Path | None, problem: str) -> None:
        status = self.query_one("#export-status", Static)
        if written is None:
            status.update(Content(visible(f"PDF export failed: {problem}")))
            self.notify(
                visible(problem, multiline=True),
                title="PDF export failed",
                severity="error",
                markup=False,
            )
        else:
            status.update(Content(visible(f"PDF report written to {written}")))
            self.notify(visible(str(written)), title="PDF report written", markup=False)
            if self.open_file is not None:
                opener = self.open_file
                self.app.push_screen(
                    ChoiceScreen(
                        f"PDF report written to {written}. Open it?",
                        [("o", "Open", "open"), ("n", "Not now", "no")],
                    ),
                    lambda answer: opener(written) if answer == "open" else None,
                )

    def commands(self) -> Iterable[SystemCommand]:
        """Entries for the command palette."""
        yield SystemCommand("Finish", "Mark the assessment complete", self.action_finish)
        yield SystemCommand("Back to questions", "Return to where you were", self.action_back)
        if self.export_pdf is not None:
            yield SystemCommand("Export PDF", "Write the report as a PDF file", self.action_export)
