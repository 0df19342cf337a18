"""What every assess app shares: the look, the quit and help keys, and the command palette
without Textual's own key panel and screenshot command."""

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from assess import collector

ReturnType = TypeVar("ReturnType")
S = TypeVar("S", bound=Screen[Any])


class AssessBaseApp(App[ReturnType]):
    CSS_PATH = "app.tcss"
    TITLE = "assess"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        # What terminal users expect; every answer is already on disk, so nothing to ask.
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("q", "quit", "Quit"),
    ]

    def show_first(self, show: Callable[[], object]) -> None:
        """Calls `show`, which pushes the app's first screen, once Textual's start is over (an
        app's on_mount calls this). A screen pushed during the start, from on_mount itself, is
        laid out and drawn in full while Textual holds its output back, and that drawing is
        thrown away (8% of the work up to the first question)."""

        def first() -> None:
            show()
            # Once that screen is painted: the command held collection back until then.
            self.call_after_refresh(collector.resume, True)

        self.call_later(first)

    def with_breakpoints(self, screen: S) -> S:
        """The screen with the breakpoint class (e.g. -wide) that its first resize gives it,
        added before it is shown: that resize then changes no class, and the whole screen is not
        styled once more before its first paint."""
        width = self.size.width
        for edge, name in sorted(self.HORIZONTAL_BREAKPOINTS or [], reverse=True):
            if width >= edge:
                screen.add_class(name)
                break
        return screen

    def action_help(self) -> None:
        from assess.tui.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, ModalScreen):
            return
        keys = getattr(screen, "KEY_HELP", ())
        self.push_screen(HelpScreen(getattr(screen, "KEY_HELP_TITLE", "Keys"), keys))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own key panel squeezes the question and stays open: the help screen
        # replaces it. The screenshot command would write files into the working folder.
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Screenshot", "Maximize", "Minimize"):
                yield command
        yield SystemCommand("Help", "Every key of this screen", self.action_help)
        commands = getattr(screen, "commands", None)
        if commands is not None:
            yield from commands()
