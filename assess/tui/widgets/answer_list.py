"""A list of answers inside a scrolling view: the view scrolls, not the list, so the list keeps
its highlighted answer in view by scrolling the view around it."""

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import OptionList


class AnswerList(OptionList, inherit_bindings=False):
    """Only the list's own keys: left and right stay free for the screen (previous, next);
    Home also brings the text above the first answer into view, PageUp/PageDown page the view.
    Subclasses add Enter with its name: `with_enter("Choose")`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First answer", show=False),
        Binding("end", "last", "Last answer", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
    ]

    @staticmethod
    def with_enter(name: str) -> list[BindingType]:
        return [*AnswerList.BINDINGS, Binding("enter", "select", name, show=False)]

    def scroll_to_highlight(self, top: bool = False) -> None:
        view = self.parent
        highlighted = self.highlighted
        if not isinstance(view, VerticalScroll) or highlighted is None or not self.is_mounted:
            super().scroll_to_highlight(top)
            return
        self._update_lines()
        try:
            y = self._index_to_line[highlighted]
        except KeyError:
            return
        height = self._heights[highlighted]
        origin = self.virtual_region.y
        view.scroll_to_region(
            Region(0, origin + y, self.size.width, height), animate=False, immediate=True
        )

    def action_first(self) -> None:
        super().action_first()
        if isinstance(self.parent, VerticalScroll):
            self.parent.scroll_home(animate=False, immediate=True)

    def action_page(self, pages: int) -> None:
        view = self.parent
        if isinstance(view, VerticalScroll):
            if pages > 0:
                view.scroll_page_down(animate=False)
            else:
                view.scroll_page_up(animate=False)
