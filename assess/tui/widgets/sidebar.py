"""The areas and dimensions of the questionnaire, with progress per dimension."""

from rich.segment import Segment
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assess.safe_text import visible
from assess.tui.session import Session
from assess.tui.widgets.found import DIFFERS


class OneLine(Visual):
    """A prompt of one line, drawn as Content draws a line but without wrapping it first (the
    list's 40 prompts are one line each; wrapping them was about half a percent of the first
    paint). Text wider than the list ends in an ellipsis."""

    def __init__(self, content: Content) -> None:
        self.content = content

    def __str__(self) -> str:
        return self.content.plain

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        content = self.content
        if content.cell_length > width:
            content = content.truncate(width, ellipsis=True)
        segments = []
        x = 0
        for text, text_style in content.render(style, end="", parse_style=options.get_style):
            # The offsets are what text selection reads, as in Content's own lines.
            segments.append(Segment(text, (style + text_style).rich_style_with_offset(x, 0)))
            x += len(text)
        return [Strip(segments, content.cell_length)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1


class DimensionList(OptionList, inherit_bindings=False):
    """One line per dimension under its area; selecting one jumps to its first question."""

    # Only the list's own keys: left and right stay free for the screen (previous, next).
    BINDINGS = OptionList.BINDINGS

    class Jump(Message):
        def __init__(self, dimension_id: str) -> None:
            super().__init__()
            self.dimension_id = dimension_id

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        options: list[Option] = []
        for area in session.questionnaire.areas:
            heading = Content.styled(visible(area.title), "bold $accent")
            options.append(Option(OneLine(heading), disabled=True))
            options.extend(Option(self._prompt(d.id), id=d.id) for d in area.dimensions)
        self.add_options(options)

    def _prompt(self, dimension_id: str) -> OneLine:
        dimension = self.session.dimension(dimension_id)
        answered, total = self.session.progress(dimension)
        # A ✓ only when every answer is given and confirmed; • while carried-over answers wait.
        waiting = bool(self.session.unconfirmed_in(dimension_id))
        done = answered == total and not waiting
        count = f"{answered:>2}/{total:<2} "
        # ≠ after the title: an answer differs from what the scan found (a claim to check).
        differs = f" {DIFFERS}" if self.session.claims_in(dimension_id) else ""
        # One line per dimension, so the list stays a map: long titles end in an ellipsis.
        # Before the first layout the width is not known: cut as the narrow sidebar would
        # (30 columns less its border) rather than paint wrapped titles for one frame.
        width = self.scrollable_content_region.width or 29
        room = width - len(count) - len(differs) - 1
        title = Content(visible(dimension.title))
        if room > 0 and len(title) > room:
            title = title.truncate(room, ellipsis=True)
        return OneLine(
            Content.assemble(
                ("✓" if done else "•" if waiting else " ", "$success" if done else "$warning"),
                (count, "$success" if done else "$foreground-muted"),
                title,
                (differs, "$warning bold"),
            )
        )

    def on_resize(self) -> None:
        for _, dimension in self.session.questionnaire.dimensions():
            self.refresh_dimension(dimension.id)

    def refresh_dimension(self, dimension_id: str) -> None:
        self.replace_option_prompt(dimension_id, self._prompt(dimension_id))

    def show_dimension(self, dimension_id: str) -> None:
        """Highlight the dimension of the question on screen."""
        self.highlighted = self.get_option_index(dimension_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Jump(event.option.id))
