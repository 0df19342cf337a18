"""What a scan of the team's repositories found for the question on screen, in a few lines.

A finding is a suggestion with its evidence, never a verdict: the block says what was found and
which answer it suggests; the team's answer stands until someone takes the suggestion (`a`).
"""

from typing import NamedTuple

from textual.content import Content

from assess.domain.claims import Claim
from assess.domain.evidence import Finding
from assess.safe_text import visible

MAX_FINDINGS = 3
"""Findings shown per question (those that suggest an answer first); the report lists all."""
MAX_PLACES = 2
"""Files (with lines) shown per finding and repository."""
DIFFERS = "≠"
"""The mark of an answer that differs from what the scan suggests."""
SUGGESTED = "← found"
"""The note beside the suggested answer in the list of answers."""


class Found(NamedTuple):
    """What the screen knows about the scan's findings for one question."""

    findings: list[Finding]
    suggested: int | None
    """The number (from 1) of the suggested choice, if the findings agree on one."""
    suggested_text: str
    """That choice's text (from the model)."""
    claim: Claim | None
    """How the answer differs from the suggestion, if it does."""
    answered: bool
    """Whether the question is answered."""
    taken: bool
    """The answer is the suggestion, taken with `a` (its source is the scan)."""


def found_content(found: Found) -> Content:
    """'Found:', the suggestion and the mark first (nearest the answers), then per finding its
    rule and summary with a few files and lines."""
    findings = sorted(found.findings, key=lambda f: f.suggests is None)
    repositories = max(len(f.repositories) for f in findings)
    scanned = max(f.scanned_at for f in findings).date().isoformat()
    plural = "y" if repositories == 1 else "ies"
    parts: list[Content | tuple[str, str] | str] = [
        ("Found: ", "bold $accent"),
        (f"scan of {repositories} repositor{plural}, {scanned}", "$foreground-muted"),
    ]
    if found.suggested is not None:
        parts.append(("\nsuggests ", "bold"))
        parts.append((f"{found.suggested} ", "$accent bold"))
        parts.append(visible(found.suggested_text))
        if found.taken:
            parts.append((" · taken: the scan is its source", "$foreground-muted"))
        elif found.claim is None and found.answered:
            parts.append((" · your answer", "$foreground-muted"))
        else:
            parts.append((" · a takes it", "$accent"))
    if found.claim is not None:
        if found.claim.kind == "contradicted":
            why = "your answer claims more than the files show"
        else:
            why = "your answer differs from it"
        parts.append((f"\n{DIFFERS} {why}", "$warning bold"))
    for finding in findings[:MAX_FINDINGS]:
        parts.append("\n" + visible(finding.summary))
        for repo in finding.repositories:
            places = [f"{hit.path}" + (f":{hit.line}" if hit.line else "") for hit in repo.hits]
            if places:
                more = repo.passed - min(len(places), MAX_PLACES)
                shown = ", ".join(places[:MAX_PLACES]) + (f" and {more} more" if more > 0 else "")
                parts.append(
                    (f"\n  {visible(repo.repository)}: {visible(shown)}", "$foreground-muted")
                )
    hidden = len(findings) - MAX_FINDINGS
    if hidden > 0:
        rest = f"\n{hidden} more finding{'s' if hidden != 1 else ''} in the report"
        parts.append((rest, "$foreground-muted"))
    return Content.assemble(*parts)
