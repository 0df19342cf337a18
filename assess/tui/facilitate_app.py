"""`assess facilitate`: the facilitator's screen on its own, for one team."""

from assess.tui.base_app import AssessBaseApp
from assess.tui.facilitation import FacilitateContext


class FacilitateApp(AssessBaseApp[None]):
    def __init__(self, context: FacilitateContext) -> None:
        super().__init__()
        self.context = context

    def on_mount(self) -> None:
        self.show_first(self._first_screen)

    def _first_screen(self) -> None:
        from assess.tui.screens.facilitate import FacilitateScreen

        self.push_screen(FacilitateScreen(self.context))
