"""The comparison for spreadsheets and BI tools (CSV, JSON: one row per team x dimension) and as
compact Markdown tables.

CSV cells that a spreadsheet would run as formulas are neutralised (csv_cells.py); every text in
the Markdown goes through the gap report's `md()`, so HTML, links and images show as text.
"""

import json
from collections.abc import Iterator
from typing import Any

from assess.csv_cells import Writable, csv_text
from assess.csv_cells import write_csv as write_rows
from assess.domain.compare import Comparison
from assess.domain.numbers import Number, shown
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
from assess.report.md_text import md

COLUMNS = (
    "team",
    "date",
    "area",
    "dimension",
    "dimension_title",
    "score",
    "level",
    "target",
    "gap",
    "vs_median",
    "status",
    "complete",
    "latest",
    "overall",
    "dora_cluster",
    "evidence_backed",
    "respondents",
    "agreement",
    "spread",
    "questionnaire",
    "version",
)


def _rounded(value: Number | None) -> float | None:
    # Two decimals, rounded half up from the exact value: enough to sort and chart.
    return None if value is None else float(shown(value, 2))


def _rounded_up(value: Number | None) -> float | None:
    # A spread, like a gap, rounds up: it never looks narrower than it is.
    return None if value is None else float(shown(value, 2, up=True))


def rows(comparison: Comparison) -> Iterator[dict[str, Any]]:
    """One flat record per team (and date) x dimension; the JSON has them all, the CSV the
    COLUMNS (the respondents' range as its spread alone)."""
    for row in comparison.rows:
        for d, cell in zip(comparison.dimensions, row.cells, strict=True):
            yield {
                "team": row.team,
                "date": row.date.isoformat(),
                "area": d.area,
                "dimension": d.id,
                "dimension_title": d.title,
                "score": _rounded(cell.score),
                "level": cell.level,
                "target": cell.target,
                "gap": _rounded(cell.gap),
                "vs_median": _rounded(cell.vs_median),
                "status": row.status,
                "complete": cell.complete,
                "latest": row.latest,
                "overall": _rounded(row.overall),
                "dora_cluster": row.dora,
                "evidence_backed": row.backed,
                "respondents": row.respondents,
                "agreement": _rounded(row.agreement),
                "spread": _rounded_up(cell.spread),
                "spread_low": _rounded(cell.low),
                "spread_high": _rounded(cell.high),
                "questionnaire": comparison.questionnaire,
                "version": row.version,
            }


def to_csv(comparison: Comparison) -> str:
    return csv_text(COLUMNS, rows(comparison))


def write_csv(comparison: Comparison, out: Writable) -> None:
    """The same CSV, written to out row by row."""
    write_rows(out, COLUMNS, rows(comparison))


def to_json(comparison: Comparison) -> str:
    # Same keys as the CSV, plus the low and high of the respondents' range.
    return json.dumps(list(rows(comparison)), indent=1, ensure_ascii=False) + "\n"


def _table(header: list[str], body: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md(c) for c in cells) + " |" for cells in body]
    return lines


def to_markdown(comparison: Comparison) -> str:
    c = comparison
    codes = abbreviations([d.title for d in c.dimensions])
    with_date = history_teams(c)
    out = [
        f"# {md(c.title)}: comparison of {teams_text(c.teams)}",
        "",
        IMPROVEMENT_NOT_RANKING,
    ]
    out += ["", *[f"- {md(n)}" for n in notes(c)], ""] if notes(c) else [""]
    out += ["## Heat map", "", "Scores; ▾ below the team's target; * incomplete.", ""]
    body = [
        [
            label(r, with_date),
            fmt(r.overall),
            *[fmt(x.score) + ("▾" if x.below_target else "") for x in r.cells],
        ]
        for r in c.rows
    ]
    body.append(["Median", fmt(c.median_overall), *[fmt(m) for m in c.medians]])
    out += _table(["Team", "Overall", *codes], body)
    out += [
        "",
        "Codes: "
        + ", ".join(f"{k} {md(d.title)}" for k, d in zip(codes, c.dimensions, strict=True)),
    ]
    out += ["", "## Spread per dimension", ""]
    out += _table(
        ["Dimension", "Min", "Median", "Max", "Below target"],
        [
            [
                c.dimension(s.dimension).title,
                fmt(s.min),
                fmt(s.median),
                fmt(s.max),
                f"{s.below_target}/{s.teams}",
            ]
            for s in c.spread
        ],
    )
    out += ["", "## Common gaps: where the organisation should invest", ""]
    if c.common_gaps:
        out += _table(
            ["Dimension", "Teams below target", "Mean gap"],
            [
                [
                    c.dimension(g.dimension).title,
                    f"{g.below_target} of {g.teams}",
                    fmt(g.mean_gap, up=True),
                ]
                for g in c.common_gaps
            ],
        )
    else:
        out.append("No dimension has most teams below target.")
    out += ["", "## Who is strong where", ""]
    out += _table(
        ["Dimension", "At or above target", "Below target"],
        [
            [
                c.dimension(s.dimension).title,
                ", ".join(t.team for t in s.strong) or "–",
                ", ".join(t.team for t in s.below) or "–",
            ]
            for s in c.strengths
        ],
    )
    if c.progress:
        out += ["", "## Progress", ""]
        out += _table(
            ["Team", "From", "To", "Overall", "Improved", "Unchanged", "Regressed"],
            [
                [
                    p.team,
                    p.first_date.isoformat(),
                    p.latest_date.isoformat(),
                    fmt(p.overall_delta, signed=True),
                    str(p.count("improved")),
                    str(p.count("unchanged")),
                    str(p.count("regressed")),
                ]
                for p in c.progress
            ],
        )
    out += ["", "## DORA cluster", ""]
    out += _table(["Team", "Cluster"], [[r.team, r.dora or "–"] for r in c.latest_rows])
    if has_respondents(c):
        out += [
            "",
            "## Respondents and agreement",
            "",
            f"{AGREEMENT_MEANS[0].upper()}{AGREEMENT_MEANS[1:]}.",
            "",
        ]
        out += _table(
            ["Team", "Respondents", "Agreement"],
            [
                [r.team, respondents_text(r.respondents), agreement_text(r.agreement)]
                for r in c.latest_rows
            ],
        )
    if any(r.backed is not None for r in c.latest_rows):
        out += ["", "## Answers backed by scan evidence", "", f"Backed: {BACKED_MEANS}.", ""]
        out += _table(["Team", "Backed"], [[r.team, backed_text(r.backed)] for r in c.latest_rows])
    return "\n".join(out) + "\n"
