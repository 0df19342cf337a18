"""The comparison as a heat map for the terminal, readable at 80 columns.

Many teams: one line per team, one two-character cell per dimension holding the level digit on a
background coloured by level, under two-letter codes written top to bottom (legend below). Lines
are built as styled Text rather than a rich Table: at 500 teams x 23 dimensions a Table's column
measuring costs seconds, fixed-width text costs milliseconds.
Few teams: transposed, dimensions down the side with full titles and one column per team.
Text from the files (team names, titles, level names) goes in as `Text` of its `visible()` form:
never read as markup, no control character reaching the terminal.
"""

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from assess.domain.compare import Comparison
from assess.domain.scoring import achieved_level
from assess.report.compare_view import (
    abbreviations,
    agreement_text,
    fmt,
    has_respondents,
    history_teams,
    label,
    notes,
    respondents_text,
    teams_text,
)
from assess.safe_text import visible

LEVEL_BACKGROUNDS = {1: "red", 2: "dark_orange", 3: "yellow", 4: "green", 5: "bright_green"}
BELOW = "▾"
OVERALL_WIDTH = 3
MIN_LABEL = 8
MAX_LABEL = 28
TRANSPOSED_TITLE = 28
TRANSPOSED_COLUMN = 8
# A team column grows to its header's longest word (up to this), so names wrap between words.
TRANSPOSED_WORD = 16
# Respondents and agreement after the overall: ' 12 100%'.
RESPONDENTS_WIDTH = 3
AGREEMENT_WIDTH = 5
RESPONDENTS_KEY = (
    "Rsp respondents whose answers were consolidated; Agr share of questions where they "
    "agree; – one person answered."
)


def level_style(level: int | None) -> str:
    if level is None:
        return "dim"
    return f"black on {LEVEL_BACKGROUNDS.get(level, 'white')}"


def _overall_style(level: int | None) -> str:
    colour = LEVEL_BACKGROUNDS.get(level or 0)
    return f"bold {colour}" if colour else "bold"


def _team_column(labels: list[str]) -> int:
    """The width of the transposed table's team columns: wide enough for the longest word of
    any team's header, so headers wrap at spaces ('Fraud / Detection'), never inside a word."""
    longest = max((len(word) for text in labels for word in text.split()), default=0)
    return max(TRANSPOSED_COLUMN, min(TRANSPOSED_WORD, longest))


def _team_labels(comparison: Comparison) -> list[str]:
    with_date = history_teams(comparison)
    return [visible(label(row, with_date)) for row in comparison.rows]


def _fits_transposed(comparison: Comparison, width: int) -> bool:
    # Title column, one column per row and the median, each with a separator and padding.
    column = _team_column(_team_labels(comparison))
    return (
        TRANSPOSED_TITLE + 1 + len(comparison.rows) * (column + 3) + TRANSPOSED_COLUMN + 3 <= width
    )


# Cells without a score, in two characters: never a zero, never the same as a low level.
NOT_SCORED_CELLS = {"not applicable": "- ", "scoped out": "- ", "no answers": "· "}
NOT_SCORED_WORDS = {"not applicable": "n/a", "scoped out": "out", "no answers": "–"}


def _cell_text_level(level: int | None, below: bool, not_scored: str = "") -> Text:
    if level is None:
        return Text(NOT_SCORED_CELLS.get(not_scored, "· "), style="dim")
    return Text(f"{level}{BELOW if below else ' '}", style=level_style(level))


def _agreement_columns(comparison: Comparison, width: int) -> bool:
    """Whether the compact map has room for the respondents and agreement columns."""
    if not has_respondents(comparison):
        return False
    room = width - 2 * len(comparison.dimensions) - OVERALL_WIDTH - 2
    return room - RESPONDENTS_WIDTH - AGREEMENT_WIDTH >= MIN_LABEL


def _compact(comparison: Comparison, width: int) -> list[RenderableType]:
    codes = abbreviations([d.title for d in comparison.dimensions])
    with_date = history_teams(comparison)
    labels = [visible(label(row, with_date)) for row in comparison.rows]
    cells_width = 2 * len(comparison.dimensions)
    agreement = _agreement_columns(comparison, width)
    extra = RESPONDENTS_WIDTH + AGREEMENT_WIDTH if agreement else 0
    room = width - cells_width - OVERALL_WIDTH - 2 - extra
    # Names are cut before a line gets longer than the terminal (34 dimensions at 80 columns
    # leave 7 characters).
    label_width = max(min(MIN_LABEL, room), min(MAX_LABEL, room, max(len(t) for t in labels)), 1)

    def fit(text: str) -> str:
        return text if len(text) <= label_width else text[: label_width - 1] + "…"

    prefix = " " * (label_width + 1)
    top = Text(prefix + "All".rjust(OVERALL_WIDTH), style="bold")
    bottom = Text(prefix + " " * OVERALL_WIDTH, style="bold")
    if agreement:
        top.append("Rsp".rjust(RESPONDENTS_WIDTH + 1) + "Agr".rjust(AGREEMENT_WIDTH))
        bottom.append(" " * (extra + 1))
    top.append(" ")
    bottom.append(" ")
    for code in codes:
        top.append(code[0] + " ")
        bottom.append((code[1:] or " ") + " ")
    lines: list[RenderableType] = [
        Text(visible(f"{comparison.title} · {teams_text(comparison.teams)}"), style="bold"),
        top,
        bottom,
    ]
    for row, text in zip(comparison.rows, labels, strict=True):
        line = Text(fit(text).ljust(label_width) + " ")
        line.append(fmt(row.overall).rjust(OVERALL_WIDTH), style=_overall_style(row.level))
        if agreement:
            line.append(respondents_text(row.respondents).rjust(RESPONDENTS_WIDTH + 1))
            line.append(agreement_text(row.agreement).rjust(AGREEMENT_WIDTH))
        line.append(" ")
        for cell in row.cells:
            line.append_text(_cell_text_level(cell.level, cell.below_target, cell.not_scored))
        lines.append(line)
    median = Text("Median".ljust(label_width) + " ", style="italic")
    median.append(fmt(comparison.median_overall).rjust(OVERALL_WIDTH) + " " * (extra + 1))
    for value in comparison.medians:
        level = None if value is None else achieved_level(value)
        median.append_text(_cell_text_level(level, False))
    lines.append(median)
    legend = Text()
    legend.append("Codes: ", style="bold")
    for n, (code, d) in enumerate(zip(codes, comparison.dimensions, strict=True)):
        legend.append(("" if n == 0 else " · ") + f"{code} {visible(d.title)}")
    lines.append(legend)
    return lines


def _transposed(comparison: Comparison) -> list[RenderableType]:
    labels = _team_labels(comparison)
    column = _team_column(labels)
    table = Table(
        title=Text(visible(f"{comparison.title} · {teams_text(comparison.teams)}")),
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("Dimension", max_width=TRANSPOSED_TITLE, no_wrap=True, overflow="ellipsis")
    for text in labels:
        table.add_column(
            Text(text), justify="right", min_width=column, max_width=column, overflow="fold"
        )
    table.add_column("Median", justify="right", style="dim")
    area = ""
    for i, d in enumerate(comparison.dimensions):
        if d.area_title != area:
            area = d.area_title
            table.add_row(Text(visible(area), style="bold"), *[""] * (len(comparison.rows) + 1))
        cells = []
        for row in comparison.rows:
            cell = row.cells[i]
            if cell.not_scored:
                cells.append(Text(NOT_SCORED_WORDS.get(cell.not_scored, "–") + " ", style="dim"))
                continue
            mark = BELOW if cell.below_target else " "
            answered = cell.answered_mark.split(" ")
            # '2.5▾ 3/4': the score rests on 3 of the dimension's 4 questions.
            part = f" {answered[0]}/{answered[2]}" if cell.answered_mark else ""
            cells.append(Text(fmt(cell.score) + mark + part, style=level_style(cell.level)))
        table.add_row(Text(visible(f" {d.title}")), *cells, fmt(comparison.medians[i]))
    table.add_section()
    table.add_row(
        Text("Overall", style="bold"),
        *[Text(fmt(r.overall) + " ", style=_overall_style(r.level)) for r in comparison.rows],
        fmt(comparison.median_overall),
    )
    if has_respondents(comparison):
        table.add_row(
            "Respondents", *[respondents_text(r.respondents) + " " for r in comparison.rows], ""
        )
        table.add_row(
            "Agreement", *[agreement_text(r.agreement) + " " for r in comparison.rows], ""
        )
    return [table]


def _legend(comparison: Comparison, compact: bool) -> Text:
    text = Text("Levels: ")
    for n, name in enumerate(comparison.level_names, start=1):
        text.append(f" {n} {visible(name)} ", style=level_style(n))
        text.append(" ")
    what = "the level reached" if compact else "the score"
    text.append(f"\nCells show {what}; {BELOW} below the team's target; * incomplete.")
    if compact:
        text.append("\n- not applicable or scoped out; · no answers (neither is a zero).")
    else:
        text.append(
            "\n3/4: the score rests on 3 of 4 questions; n/a not applicable; out scoped out; "
            "– no answers (none is a zero)."
        )
    return text


def _agreement_line(comparison: Comparison) -> Text:
    """Respondents and agreement per team, in one line, where the map has no room for them."""
    teams = [
        f"{r.team}: {r.respondents} ({agreement_text(r.agreement)})"
        for r in comparison.latest_rows
        if r.respondents is not None
    ]
    single = sum(1 for r in comparison.latest_rows if r.respondents is None)
    line = "Respondents (agreement): " + ", ".join(teams)
    if single:
        line += f" ({single} answered by one person)"
    return Text(visible(line))


def heat_map(comparison: Comparison, width: int = 80) -> Group:
    """The heat map, sorted by overall, with its legend, notes and the common gaps."""
    transposed = _fits_transposed(comparison, width)
    parts = _transposed(comparison) if transposed else _compact(comparison, width)
    parts.append(_legend(comparison, compact=not transposed))
    if comparison.common_gaps:
        titles = [
            f"{comparison.dimension(g.dimension).title} ({g.below_target}/{g.teams})"
            for g in comparison.common_gaps[:5]
        ]
        parts.append(Text(visible("Common gaps (teams below target): " + ", ".join(titles))))
    parts.extend(Text(visible(line), style="italic") for line in notes(comparison))
    if has_respondents(comparison) and not transposed:
        if _agreement_columns(comparison, width):
            parts.append(Text(RESPONDENTS_KEY))
        else:
            parts.append(_agreement_line(comparison))
    backed = [f"{r.team} {r.backed}" for r in comparison.latest_rows if r.backed is not None]
    if backed:
        line = "Answers backed by scan evidence: " + ", ".join(backed)
        unscanned = sum(1 for r in comparison.latest_rows if r.backed is None)
        if unscanned:
            line += f" ({unscanned} not scanned)"
        parts.append(Text(visible(line)))
    return Group(*parts)
