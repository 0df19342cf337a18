"""What a scan found: findings with their evidence, and how repositories combine into one.

A finding is a suggestion with its evidence, never a verdict: "not detected" is not "absent", so a
rule that matched nowhere yields no finding at all rather than a low answer.
"""

from datetime import date, datetime
from fractions import Fraction

from assess.domain.base import DomainModel
from assess.domain.detection import HistoryMetric, Rule, choice_id
from assess.domain.questionnaire import Question


class Hit(DomainModel):
    """A place in a repository that a rule matched."""

    path: str
    """Path of the file, '/'-separated from the repository root."""
    line: int | None = None
    """1-based line of the match; absent when the file itself is the evidence."""
    text: str = ""
    """The matching line, shortened."""


class Figure(DomainModel):
    """A number computed from the git history, with how it was computed and over which period."""

    metric: HistoryMetric
    """Which figure this is."""
    value: float | None
    """The figure; None when the history holds too little to compute it."""
    unit: str
    """Unit of the value, e.g. 'per week', 'hours', '%', 'people'."""
    dora_value: float | None = None
    """The position on DORA's scale the value falls in (time buckets 1-6, or the percentage)."""
    derivation: str
    """How the value was computed from the history, in words."""
    since: date
    """First day of the period looked at."""
    until: date
    """Last day of the period looked at."""


class RepositoryResult(DomainModel):
    """What one rule found in one repository."""

    repository: str
    """The repository's name (its folder name)."""
    matched: bool
    """Whether the repository meets the rule."""
    hits: list[Hit] = []
    """The files (and lines) that met the rule, up to a handful."""
    passed: int = 0
    """How many selected files met the rule (hits lists the first few)."""
    selected: int = 0
    """How many tracked files the rule's globs selected."""
    skipped: int = 0
    """Selected files not read: above the size cap, binary, or not regular files."""
    figure: Figure | None = None
    """For a history rule, the figure computed."""
    stopped: str = ""
    """Why the rule was not completed in this repository (e.g. its time budget ran out)."""


class Finding(DomainModel):
    """What a rule found across the repositories scanned together, as evidence for a question."""

    question: str
    """The question's id."""
    rule: str
    """The rule's id."""
    summary: str
    """One line saying what was found, e.g. 'CI configuration in 2 of 3 repositories'."""
    suggests: str | None = None
    """The id of the choice the evidence suggests; None when it only adds evidence."""
    note: str = ""
    """The rule's note: what a match means and what it cannot show."""
    repositories: list[RepositoryResult]
    """Per repository, what the rule found."""
    scanned_at: datetime
    """When the scan ran."""


def rule_name(question: Question, index: int, rule: Rule) -> str:
    return rule.id or f"{question.id}-{index + 1}"


def combine(
    question: Question,
    name: str,
    rule: Rule,
    results: list[RepositoryResult],
    scanned_at: datetime,
    implied: str | None = None,
) -> Finding | None:
    """The finding of a file rule over several repositories, or None when nothing matched."""
    matched = [r for r in results if r.matched]
    if not matched:
        return None
    counted = results
    if rule.share_of == "selected":
        counted = [r for r in results if r.selected]
    total = len(counted)
    share = Fraction(len(matched), total)
    suggests: str | None = None
    if rule.across == "share":
        met = [band for band in rule.bands if share >= Fraction(band.at_least).limit_denominator()]
        if met:
            suggests = max(met, key=lambda band: band.at_least).choice
    elif rule.across == "any" or len(matched) == total:
        suggests = rule.suggests or implied
    where = "the repository" if total == 1 else f"{len(matched)} of {total} repositories"
    files = sum(r.passed for r in matched)
    summary = f"{name}: {files} matching file{'s' if files != 1 else ''} in {where}"
    if rule.across == "all" and len(matched) < total:
        summary += " (the rule asks for all of them)"
    return Finding(
        question=question.id,
        rule=name,
        summary=summary,
        suggests=suggests,
        note=rule.note,
        repositories=results,
        scanned_at=scanned_at,
    )


def combine_history(
    question: Question, name: str, rule: Rule, results: list[RepositoryResult], scanned_at: datetime
) -> Finding | None:
    """The finding of a history rule: a suggestion only when every figure points the same way."""
    figures = [r.figure for r in results if r.figure is not None and r.figure.value is not None]
    if not figures:
        return None
    suggests: str | None = None
    positions = {f.dora_value for f in figures}
    if rule.history != "contributors" and len(positions) == 1 and None not in positions:
        suggests = nearest_choice(question, figures[0].dora_value)
    parts = [
        f"{r.repository} {_number(r.figure.value)} {_unit(r.figure.value, r.figure.unit)}"
        for r in results
        if r.figure is not None and r.figure.value is not None
    ]
    return Finding(
        question=question.id,
        rule=name,
        summary=f"{name}: " + "; ".join(parts),
        suggests=suggests,
        note=rule.note,
        repositories=results,
        scanned_at=scanned_at,
    )


def nearest_choice(question: Question, dora_value: float | None) -> str | None:
    """The choice whose dora_value is nearest; on a tie, the less mature one (never flatters)."""
    if dora_value is None:
        return None
    scored = [c for c in question.choices if c.dora_value is not None]
    if not scored:
        return None
    best = min(abs(c.dora_value - dora_value) for c in scored if c.dora_value is not None)
    for choice in scored:  # choices run from least to most mature
        if choice.dora_value is not None and abs(choice.dora_value - dora_value) == best:
            return choice_id(choice)
    return None


def _unit(value: float | None, unit: str) -> str:
    return "person" if unit == "people" and value == 1 else unit


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}".removesuffix(".0")
