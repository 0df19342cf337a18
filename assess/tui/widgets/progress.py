"""Overall progress in one line: one widget instead of ProgressBar's several."""

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class OverallProgress(Widget):
    """'Payments · 2026-11-22  7 of 23 answered ━━━━━━━━━ 30%' across the whole width."""

    answered = reactive(0)
    total = reactive(1)
    carried = reactive(0)
    """Answers carried over from the last assessment and not yet confirmed."""

    def __init__(self, caption: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.caption = caption

    def render(self) -> Content:
        share = self.answered / self.total if self.total else 1.0
        caption = Content.styled(f"{self.caption}  ", "bold $accent")
        label = f"{self.answered} of {self.total} answered "
        if self.carried:
            label += f"({self.carried} to confirm) "
        percent = f" {share:4.0%}"
        width = max(self.size.width - len(caption) - len(label) - len(percent), 0)
        filled = round(width * share)
        done = self.answered == self.total
        return Content.assemble(
            caption,
            label,
            ("━" * filled, "$success" if done else "$primary"),
            ("━" * (width - filled), "$surface-lighten-3"),
            (percent, "bold"),
        )
