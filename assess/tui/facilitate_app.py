"""`assess facilitate`: the facilitator's screen on its own, for one team."""

from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen

from assess.tui.facilitation import FacilitateContext


class FacilitateApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "assess"
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, context: FacilitateContext) -> None:
        super().__init__()
        self.context = context

    def on_mount(self) -> None:
        from assess.tui.screens.facilitate import FacilitateScreen

        self.push_screen(FacilitateScreen(self.context))

    def action_help(self) -> None:
        from assess.tui.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, ModalScreen):
            return
        keys = getattr(screen, "KEY_HELP", ())
        self.push_screen(HelpScreen(getattr(screen, "KEY_HELP_TITLE", "Keys"), keys))
