"""What each level of the dimension on screen looks like: shown beside the question when the
terminal is wide enough, so the team can place itself on the ladder."""

from textual.content import Content
from textual.widgets import Static

from assess.domain.questionnaire import Dimension, Questionnaire
from assess.safe_text import visible


class LevelLadder(Static):
    def show(self, questionnaire: Questionnaire, dimension: Dimension, target: int) -> None:
        parts: list[Content] = [Content.styled(visible(dimension.title), "bold $accent")]
        if dimension.description:
            parts.append(
                Content.styled(visible(dimension.description, multiline=True), "$foreground-muted")
            )
        parts.append(Content.styled("What each level looks like", "bold"))
        for level in range(questionnaire.top_level, 0, -1):
            mark = ("  ◀ target", "$warning bold") if level == target else ("", "")
            parts.append(
                Content.assemble(
                    (f"{level} {visible(questionnaire.level_name(level))}", "bold"),
                    mark,
                    "\n",
                    (visible(dimension.levels.get(level, ""), multiline=True), ""),
                )
            )
        self.update(Content("\n\n").join(parts))
