"""Scorecards as rich tables for the terminal.

Every text from the model or the assessment is passed as a `Text` of its `visible()` form: shown
as the file holds it, never read as markup, and with no control character reaching the terminal.
"""

from rich.console import Group
from rich.table import Table
from rich.text import Text

from assess.domain.assessment import Assessment
from assess.domain.coverage import answered_mark, not_scored_reason
from assess.domain.numbers import Number, shown
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import DimensionScore, Scorecard
from assess.safe_text import visible

LEVEL_STYLES = {1: "red", 2: "dark_orange", 3: "yellow", 4: "green", 5: "bright_green"}


def fmt_score(value: Number | None, up: bool = False) -> str:
    return "–" if value is None else shown(value, up=up)


def _status(d: DimensionScore) -> str:
    parts = []
    if mark := answered_mark(d):
        parts.append(mark)
    elif d.unanswered:
        parts.append(f"{d.unanswered} unanswered")
    if d.dont_know:
        parts.append(f"{d.dont_know} don't know")
    if d.not_applicable:
        parts.append(f"{d.not_applicable} n/a")
    return ", ".join(parts)


def _area_level(level: int | None, dims: list[DimensionScore]) -> Text:
    if level is not None:
        return Text(str(level))
    reasons = {not_scored_reason(d) for d in dims}
    if reasons <= {"scoped out", "not applicable"}:
        return Text("not applicable", style="italic")
    return Text("–")


def scorecard_table(questionnaire: Questionnaire, assessment: Assessment, card: Scorecard) -> Group:
    points = card.method == "ml-test-score"
    title = f"{assessment.team} · {questionnaire.title} · {assessment.date.isoformat()}"
    table = Table(title=Text(visible(title)), title_justify="left")
    table.add_column("Dimension")
    table.add_column("Points" if points else "Score", justify="right")
    table.add_column("Level", justify="right")
    table.add_column("Target", justify="right")
    table.add_column("Gap", justify="right")
    table.add_column("Notes")
    for area in card.areas:
        table.add_row(
            Text(visible(area.title), style="bold"),
            # ML Test Score areas have no points of their own: only sections are summed.
            "" if points else fmt_score(area.score),
            _area_level(area.level, [d for d in card.dimensions if d.area == area.area]),
            "",
            "",
            "",
            end_section=False,
        )
        for d in card.dimensions:
            if d.area != area.area:
                continue
            figure = d.points if points else d.score
            reason = not_scored_reason(d)
            if reason is not None:
                # No score: words in the level column, never a zero.
                level = Text(reason, style="italic")
            else:
                level = Text(str(d.level), style=LEVEL_STYLES.get(d.level or 0, ""))
            table.add_row(
                Text(visible(f"  {d.title}")),
                fmt_score(figure),
                level,
                str(d.target),
                fmt_score(d.gap, up=True),
                _status(d),
            )
    lines: list[Text | Table] = [table]
    overall = "ML Test Score" if points else "Overall"
    summary = f"{overall}: {fmt_score(card.score)}"
    if card.level is not None:
        summary += f" (level {card.level}, {questionnaire.level_name(card.level)})"
    if not card.complete:
        summary += "  [incomplete: some questions are unanswered]"
    lines.append(Text(visible(summary), style="bold"))
    if card.ml_test_score is not None:
        lines.append(Text(visible(f"Band: {card.ml_test_score.band}")))
    if card.dora is not None:
        lines.append(
            Text(visible(f"DORA 2024 cluster: {card.dora.describe()} — {card.dora.source}"))
        )
    if card.gaps:
        top = ", ".join(
            f"{d.title} ({shown(d.gap, up=True)})" for d in card.gaps[:5] if d.gap is not None
        )
        lines.append(Text(visible(f"Top gaps: {top}")))
    return Group(*lines)
