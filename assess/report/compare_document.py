"""The comparison as an HTML document and a PDF, on the shared rendering core (render.py).

This module turns a Comparison into display-ready values (texts, CSS classes, chart geometry) so
the template holds no arithmetic, then renders report_templates/compare.html. Every team costs a
fixed amount of HTML (a heat-map row, a row in the table by overall score, a radar card), so the
document grows linearly with teams and WeasyPrint lays it out in one pass.
"""

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assess.atomic import write_text_atomically
from assess.domain.brand import Brand
from assess.domain.compare import Cell, Comparison, Row, by_overall, trend
from assess.domain.numbers import Number
from assess.domain.scoring import achieved_level
from assess.report.branding import BrandView, brand_view, embedded
from assess.report.charts import Radar, radar
from assess.report.compare_view import (
    AGREEMENT_MEANS,
    BACKED_MEANS,
    IMPROVEMENT_NOT_RANKING,
    abbreviations,
    agreement_text,
    backed_text,
    fmt,
    has_respondents,
    history_teams,
    label,
    notes,
    respondents_text,
    teams_text,
)
from assess.report.render import MissingGlyphs, environment, render_html, render_pdf

TEMPLATE = "compare.html"
STYLESHEET = "compare.css"
# How many names a list shows before "and N more" (the CSV has them all).
NAMES_SHOWN = 8
HELPERS_SHOWN = 5
RADAR_SIZE = 150.0
STRIP_WIDTH = 150.0
# The heat map's columns on A4 portrait (176 mm between the shared margins).
CONTENT_MM = 176.0
LABEL_MM = 36.0
OVERALL_MM = 9.0
MAX_DIMENSION_MM = 14.0


def _dimension_width(count: int) -> float:
    """A column's width in mm, rounded down to the 0.01 mm the template prints, so that the
    columns together never pass the right margin."""
    width = min(MAX_DIMENSION_MM, (CONTENT_MM - LABEL_MM - OVERALL_MM) / max(count, 1))
    return math.floor(width * 100) / 100


@dataclass(frozen=True)
class CellView:
    text: str
    css: str
    mark: str = ""
    """'3/4' when the score rests on 3 of the dimension's 4 questions."""


@dataclass(frozen=True)
class RowView:
    label: str
    overall: str
    overall_css: str
    cells: list[CellView]


@dataclass(frozen=True)
class Strip:
    """One dimension's spread on a 0..top scale: a line from min to max, the median as a dot, the
    usual target as a tick. SVG user units."""

    width: float
    min_x: float
    max_x: float
    median_x: float
    target_x: float
    ticks: list[float]


@dataclass(frozen=True)
class SpreadView:
    code: str
    title: str
    area: str
    min: str
    median: str
    max: str
    below: str
    strip: Strip | None


@dataclass(frozen=True)
class GapView:
    rank: int
    title: str
    area: str
    below: str
    share: str
    mean_gap: str
    helpers: str


@dataclass(frozen=True)
class PairingView:
    """One team in "who is strong where": where it could learn, from whom, and where it could
    help others."""

    team: str
    learn: list[tuple[str, list[str]]]
    """(a team to learn from, the codes of the dimensions to learn from it): per dimension the
    team is below target on and another team has reached, the best-placed such team; the
    teams with the most dimensions first."""
    help: list[str]
    """Codes of the dimensions the team is at or above target on while some team is below."""


@dataclass(frozen=True)
class RankView:
    """One team in the table of teams by overall score (no rank numbers: the scores are for
    improvement, not a league table)."""

    team: str
    overall: str
    level: str
    vs_median: str
    dora: str
    assessed: str
    status: str
    backed: str
    respondents: str = "–"
    agreement: str = "–"


@dataclass(frozen=True)
class RadarCard:
    team: str
    overall: str
    dora: str
    radar: Radar
    alt: str


@dataclass(frozen=True)
class ProgressView:
    team: str
    span: str
    overall: str
    cells: list[CellView]
    delta: str
    delta_css: str
    counts: str


def _level_css(level: int | None) -> str:
    return "lnone" if level is None else f"l{min(level, 5)}"


NOT_SCORED_CODES = {"not applicable": "n/a", "scoped out": "out", "no answers": "–"}


def _heat_cell(cell: Cell) -> CellView:
    """A score, with its 'n of m' when it rests on some questions only; words when none."""
    if cell.not_scored:
        return CellView(text=NOT_SCORED_CODES.get(cell.not_scored, "–"), css="lnone unscored")
    css = _level_css(cell.level) + (" below" if cell.below_target else "")
    return CellView(text=fmt(cell.score), css=css, mark=_fraction_mark(cell.answered_mark))


def _fraction_mark(mark: str) -> str:
    """'3 of 4 answered' as '3/4', small enough for a heat-map cell (the legend spells it out)."""
    if not mark:
        return ""
    given, _, rest = mark.partition(" of ")
    return f"{given}/{rest.removesuffix(' answered')}"


def _heat_rows(c: Comparison) -> list[RowView]:
    with_date = history_teams(c)
    rows = []
    for row in c.rows:
        cells = [_heat_cell(cell) for cell in row.cells]
        rows.append(
            RowView(
                label=label(row, with_date),
                overall=fmt(row.overall),
                overall_css=_level_css(row.level),
                cells=cells,
            )
        )
    return rows


def _x(value: Number, top: int, width: float) -> float:
    return round(width * max(0.0, min(float(value), top)) / top, 1)


def _strips(c: Comparison, top: int) -> list[Strip | None]:
    strips: list[Strip | None] = []
    latest = c.latest_rows
    for i, s in enumerate(c.spread):
        if s.min is None or s.max is None or s.median is None:
            strips.append(None)
            continue
        targets = Counter(row.cells[i].target for row in latest)
        usual = targets.most_common(1)[0][0]
        strips.append(
            Strip(
                width=STRIP_WIDTH,
                min_x=_x(s.min, top, STRIP_WIDTH),
                max_x=_x(s.max, top, STRIP_WIDTH),
                median_x=_x(s.median, top, STRIP_WIDTH),
                target_x=_x(usual, top, STRIP_WIDTH),
                ticks=[_x(level, top, STRIP_WIDTH) for level in range(1, top + 1)],
            )
        )
    return strips


def _names(teams: list[str], limit: int = NAMES_SHOWN) -> str:
    if not teams:
        return "–"
    shown = ", ".join(teams[:limit])
    more = len(teams) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def _pairings(c: Comparison, code_of: dict[str, str]) -> list[PairingView]:
    """Who is strong where, one line per team (in the order of the heat map) rather than one
    per dimension: what the team could learn and from whom, what it could help others with."""
    learn: dict[str, dict[str, list[str]]] = {row.team: {} for row in c.latest_rows}
    helps: dict[str, list[str]] = {row.team: [] for row in c.latest_rows}
    for s in c.strengths:
        if not s.strong or not s.below:
            continue
        code = code_of[s.dimension]
        for t in s.below:
            learn[t.team].setdefault(s.strong[0].team, []).append(code)
        for t in s.strong:
            helps[t.team].append(code)
    return [
        PairingView(
            team=row.team,
            learn=sorted(learn[row.team].items(), key=lambda item: -len(item[1])),
            help=helps[row.team],
        )
        for row in c.latest_rows
    ]


def _ranking(c: Comparison) -> list[RankView]:
    ranks = []
    for row in by_overall(c.latest_rows):
        vs = (
            None
            if row.overall is None or c.median_overall is None
            else row.overall - c.median_overall
        )
        ranks.append(
            RankView(
                team=row.team,
                overall=fmt(row.overall),
                level="–" if row.level is None else f"{row.level} {c.level_names[row.level - 1]}",
                vs_median=fmt(vs, signed=True),
                dora=row.dora or "–",
                assessed=row.date.isoformat(),
                status="incomplete" if row.incomplete else "complete",
                backed=backed_text(row.backed),
                respondents=respondents_text(row.respondents),
                agreement=agreement_text(row.agreement),
            )
        )
    return ranks


def _radars(c: Comparison, top: int) -> list[RadarCard]:
    if len(c.dimensions) < 3:
        return []
    median = [m or 0.0 for m in c.medians]
    cards = []
    for row in c.latest_rows:
        cards.append(
            RadarCard(
                team=row.team + (" *" if row.incomplete else ""),
                overall=fmt(row.overall) + _overall_mark(row),
                dora=row.dora or "–",
                radar=radar([cell.score for cell in row.cells], median, top, size=RADAR_SIZE),
                alt=f"{row.team}: scores per dimension against the organisation's median",
            )
        )
    return cards


def _overall_mark(row: Row) -> str:
    """' (3 of 5 dimensions incomplete)' when the overall rests on incomplete dimensions."""
    incomplete = sum(1 for cell in row.cells if cell.answered_mark)
    return f" ({incomplete} of {len(row.cells)} dimensions incomplete)" if incomplete else ""


def _delta_css(trend: str) -> str:
    return {"improved": "up", "regressed": "down", "unchanged": "same"}.get(trend, "lnone")


def _progress(c: Comparison) -> list[ProgressView]:
    views = []
    for p in c.progress:
        cells = [
            CellView(
                text=fmt(change.delta, signed=True).replace("+0.0", "0.0").replace("-0.0", "0.0"),
                css=_delta_css(change.trend),
            )
            for change in p.changes
        ]
        views.append(
            ProgressView(
                team=p.team,
                span=f"{p.first_date.isoformat()} to {p.latest_date.isoformat()}",
                overall=f"{fmt(p.overall_first)} → {fmt(p.overall_latest)}",
                cells=cells,
                delta=fmt(p.overall_delta, signed=True),
                delta_css=_delta_css(trend(p.overall_delta)),
                counts=(
                    f"{p.count('improved')} improved, {p.count('unchanged')} unchanged, "
                    f"{p.count('regressed')} regressed"
                ),
            )
        )
    return views


def _dates(rows: list[Row]) -> str:
    days: list[date] = sorted({row.date for row in rows})
    if days[0] == days[-1]:
        return days[0].isoformat()
    return f"{days[0].isoformat()} to {days[-1].isoformat()}"


def context(c: Comparison) -> dict[str, Any]:
    """Everything compare.html shows, as display-ready values."""
    top = len(c.level_names)
    codes = abbreviations([d.title for d in c.dimensions])
    titles = {d.id: d.title for d in c.dimensions}
    code_of = {d.id: code for d, code in zip(c.dimensions, codes, strict=True)}
    strips = _strips(c, top)
    strengths = {s.dimension: s for s in c.strengths}
    dora = Counter(row.dora or "not asked" for row in c.latest_rows)
    width = _dimension_width(len(c.dimensions))
    return {
        "title": f"Team comparison: {c.title}",
        "model": f"{c.title} (version {c.version})",
        "teams": teams_text(c.teams),
        "assessments": len(c.rows),
        "dates": _dates(c.rows),
        "improvement": IMPROVEMENT_NOT_RANKING,
        "notes": notes(c),
        "levels": [(n, name, _level_css(n)) for n, name in enumerate(c.level_names, start=1)],
        "dimensions": [
            (code, d.title, d.area_title) for code, d in zip(codes, c.dimensions, strict=True)
        ],
        "dimension_count": len(c.dimensions),
        "heat_rows": _heat_rows(c),
        "median_row": [
            CellView(fmt(m), _level_css(None if m is None else achieved_level(m)))
            for m in c.medians
        ],
        "median_overall": fmt(c.median_overall),
        "spread": [
            SpreadView(
                code=code_of[s.dimension],
                title=titles[s.dimension],
                area=c.dimension(s.dimension).area_title,
                min=fmt(s.min),
                median=fmt(s.median),
                max=fmt(s.max),
                below=f"{s.below_target} of {s.teams}",
                strip=strip,
            )
            for s, strip in zip(c.spread, strips, strict=True)
        ],
        "gaps": [
            GapView(
                rank=n,
                title=titles[g.dimension],
                area=c.dimension(g.dimension).area_title,
                below=f"{g.below_target} of {g.teams}",
                share=f"{round(100 * g.share)}%",
                mean_gap=fmt(g.mean_gap, up=True),
                helpers=_names([t.team for t in strengths[g.dimension].strong], HELPERS_SHOWN),
            )
            for n, g in enumerate(c.common_gaps, start=1)
        ],
        "pairings": _pairings(c, code_of),
        "ranking": _ranking(c),
        "evidence": any(row.backed is not None for row in c.latest_rows),
        "backed_means": BACKED_MEANS,
        "respondents": has_respondents(c),
        "agreement_means": AGREEMENT_MEANS[0].upper() + AGREEMENT_MEANS[1:],
        "dora": [
            (name, dora[name])
            for name in ("elite", "high", "medium", "low", "not placed", "not asked")
            if dora[name] or name != "not asked"
        ],
        "radars": _radars(c, top),
        "radar_key": [(n, code) for n, code in enumerate(codes, start=1)],
        "progress": _progress(c),
        "dim_width": f"{width:.2f}mm",
        "table_width": f"{LABEL_MM + OVERALL_MM + len(c.dimensions) * width:.2f}mm",
    }


def comparison_html(c: Comparison, standalone: bool = False, brand: BrandView | None = None) -> str:
    """The document; standalone inlines the CSS so the file opens anywhere in a browser."""
    return render_html(
        TEMPLATE,
        environment(),
        lang="en",
        page_size="A4",
        standalone=standalone,
        stylesheets=[STYLESHEET],
        brand=brand,
        **context(c),
    )


def estimated_pages(c: Comparison) -> int:
    """A rough page count for the progress bar (it grows if the render needs more): the summary,
    then about 52 heat-map rows, 50 rows by overall score, 25 teams in who is strong where, 12
    radars and 14 progress rows per page."""

    def pages(items: int, per_page: int) -> int:
        return -(-items // per_page)

    return (
        2
        + pages(len(c.rows) + 1, 52)
        + 1
        + pages(c.teams, 50)
        + pages(c.teams, 25)
        + pages(c.teams, 12)
        + pages(len(c.progress), 14)
    )


def write_comparison(
    c: Comparison, out: Path, fmt_name: str, brand: Brand | None = None
) -> MissingGlyphs:
    """Write the comparison as 'pdf' or 'html' to out, atomically, with brand when given;
    returns the characters the PDF had no font for."""
    view = brand_view(brand)
    if fmt_name == "html":
        write_text_atomically(out, comparison_html(c, standalone=True, brand=view))
        return MissingGlyphs()
    return render_pdf(comparison_html(c, brand=view), out, embedded=embedded(brand, view))
