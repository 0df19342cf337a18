"""Display values shared by every comparison format: short dimension codes, numbers, marks."""

import re
from collections.abc import Iterator

from assess.domain.compare import Comparison, Row
from assess.domain.numbers import Number, shown

_SMALL_WORDS = {"and", "of", "the", "for", "to", "in", "on", "with", "a", "an", "&"}
IMPROVEMENT_NOT_RANKING = (
    "These scores are for improvement, not league tables: they show where each team can grow "
    "and who can help, not which team is better."
)

BACKED_MEANS = (
    "answers that findings of assess scan support (at least one finding, none suggesting another "
    "choice); \u2013 means the team's assessment records no scan"
)


def backed_text(backed: int | None) -> str:
    """An evidence-backed count for display: the number, or '–' when nothing was scanned."""
    return "–" if backed is None else str(backed)


AGREEMENT_MEANS = (
    "respondents: team members who answered on their own, whose answers were consolidated into "
    "the team's (lower median); agreement: the share of questions on which their answers are "
    "less than two levels apart; \u2013 means one person answered for the team"
)


def agreement_text(share: Number | None) -> str:
    """Agreement as a whole percentage, cut down (83.9% reads 83%), or '–' without
    respondents."""
    return "–" if share is None else f"{int(share * 100)}%"


def respondents_text(count: int | None) -> str:
    return "–" if count is None else str(count)


def has_respondents(comparison: Comparison) -> bool:
    return any(row.respondents is not None for row in comparison.rows)


def teams_text(count: int) -> str:
    return f"{count} team" + ("" if count == 1 else "s")


def fmt(value: Number | None, signed: bool = False, up: bool = False) -> str:
    return "–" if value is None else shown(value, signed=signed, up=up)


def _candidates(title: str, size: int) -> Iterator[str]:
    """Codes for title, best first, all in capitals: letters that differ only in case (DV and
    Da) are too easy to confuse in a narrow column. The initials first, then the first word's
    initial with the initials of the later words (Data validation and quality: DV, then DQ),
    then with their other letters, then the first word's own letters."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", title) if w]
    significant = [w for w in words if w.lower() not in _SMALL_WORDS] or words or ["X"]
    initials = "".join(w[0] for w in significant).upper()
    if len(initials) >= size:
        yield initials[:size]
    first = significant[0]
    for word in significant[1:]:
        yield (first[0] + word[0]).upper()[:size]
    yield first[:size].upper()
    for word in significant[1:]:
        for letter in word[1:]:
            yield (first[0] + letter).upper()[:size]
    for letter in first[2:]:
        yield (first[0] + letter).upper()[:size]


def abbreviations(titles: list[str], size: int = 2) -> list[str]:
    """A distinct code of at most size characters for each title, e.g. 'CI' for Continuous
    integration; numbers when letters run out."""
    used: set[str] = set()
    codes = []
    for n, title in enumerate(titles, start=1):
        code = next((c for c in _candidates(title, size) if len(c) == size and c not in used), "")
        if not code:
            code = next(
                str(k)[-size:].rjust(size, "0")
                for k in range(n, n + 10**size)
                if str(k)[-size:].rjust(size, "0") not in used
            )
        used.add(code)
        codes.append(code)
    return codes


def history_teams(comparison: Comparison) -> set[str]:
    """Teams shown with more than one row (all_dates)."""
    return {row.team for row in comparison.rows if not row.latest}


def label(row: Row, with_date: set[str]) -> str:
    text = row.team
    if row.team in with_date:
        text += f" ({row.date.isoformat()})"
    return text + (" *" if row.incomplete else "")


def notes(comparison: Comparison) -> list[str]:
    """What the reader must know about what was compared."""
    lines = []
    if len(comparison.versions) > 1:
        versions = ", ".join(f"{v} ({n})" for v, n in comparison.versions.items())
        lines.append(
            f"Assessments were made on versions {versions} of '{comparison.questionnaire}'; "
            f"they are compared on the {len(comparison.dimensions)} dimensions they share."
        )
    for item in comparison.left_out:
        lines.append(f"Left out: {item.title} (not covered by version {', '.join(item.versions)}).")
    if comparison.changed_since:
        n = comparison.changed_since
        lines.append(
            f"{n} assessment{'s were' if n > 1 else ' was'} made before questionnaire "
            f"'{comparison.questionnaire}' last changed: answers to removed questions are not "
            "scored, new questions count as unanswered."
        )
    if comparison.min_agreement is not None:
        share = agreement_text(comparison.min_agreement)
        lines.append(
            f"Only teams whose respondents agree on at least {share} of the questions: "
            f"{comparison.below_agreement} below it and {comparison.without_respondents} "
            "without respondents are left out."
        )
    if comparison.order == "agreement":
        lines.append("Teams are listed by agreement, least first; teams without respondents last.")
    incomplete = sum(1 for row in comparison.rows if row.incomplete)
    if incomplete:
        lines.append(
            f"{incomplete} assessment{'s are' if incomplete > 1 else ' is'} incomplete (marked *): "
            "unanswered questions are not scored."
        )
    return lines
