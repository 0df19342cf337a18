"""The keys of the screen on its bottom line, like Textual's footer, drawn as one line of text.

Textual's Footer mounts a widget per key and mounts them all again whenever the keys change
(each question changes them): about a tenth of a second before the first question is painted.
This line shows the same keys (each action once, with its key as the binding displays it, the
command palette on the right) and is redrawn as text. A click on a key presses it.
"""

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

# (first column, last column + 1, key to press) of each key drawn.
Span = tuple[int, int, str]


class KeyLine(Static):
    DEFAULT_CSS = """
    KeyLine {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._spans: list[Span] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self.call_after_refresh(self.draw)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.draw()

    def on_resize(self) -> None:
        self.draw()

    def draw(self) -> None:
        app = self.app
        shown: set[str] = set()
        runs: list[Content] = []
        spans: list[Span] = []
        column = 0
        palette = None
        for _, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = (binding, enabled)
                continue
            if not binding.show or binding.action in shown:
                continue
            shown.add(binding.action)
            run = self._key(app.get_key_display(binding), binding.description, enabled)
            spans.append((column, column + len(run.plain), binding.key.split(",")[0]))
            runs.append(run)
            column += len(run.plain)
        if palette is not None:
            binding, enabled = palette
            run = self._key(app.get_key_display(binding), binding.description, enabled)
            room = self.size.width - column - len(run.plain) - 1
            if room >= 0:
                runs.append(Content(" " * room))
                column += room
                spans.append((column, column + len(run.plain), binding.key))
                runs.append(run)
        self._spans = spans
        self.update(Content("").join(runs))

    @staticmethod
    def _key(key: str, description: str, enabled: bool) -> Content:
        """' key description', as Textual's compact footer spaces them."""
        if not enabled:
            return Content.styled(f" {key} {description}", "$footer-foreground 50%")
        return Content.assemble(
            (f" {key}", "bold $footer-key-foreground"),
            (f" {description}", "$footer-description-foreground"),
        )

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
