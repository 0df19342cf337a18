"""Scan evidence as the gap report prints it: lines under each answer, and the claims to check."""

from dataclasses import dataclass

from assess.domain.assessment import Assessment
from assess.domain.claims import claims_to_check
from assess.domain.evidence import Finding
from assess.domain.questionnaire import Questionnaire

MAX_PLACES = 3
"""Files and lines shown per finding; the assessment file holds the rest."""


@dataclass(frozen=True)
class ClaimView:
    question: str
    kind: str
    """'contradicted' or 'declined'."""
    answered: str
    suggested: str
    evidence: list[str]


def evidence_lines(findings: list[Finding]) -> tuple[str, ...]:
    """One line per finding (with where it was found), then its figures' derivations."""
    lines = []
    for finding in findings:
        places = [
            f"{repo.repository}: {hit.path}" + (f":{hit.line}" if hit.line else "")
            for repo in finding.repositories
            for hit in repo.hits
        ]
        shown = "; ".join(places[:MAX_PLACES])
        more = len(places) - MAX_PLACES
        line = finding.summary + (f" ({shown}" + (f" and {more} more" if more > 0 else "") + ")")
        lines.append(line if places else finding.summary)
        for repo in finding.repositories:
            if repo.figure is not None and repo.figure.value is not None:
                figure = repo.figure
                lines.append(
                    f"{repo.repository}: {figure.derivation} "
                    f"({figure.since.isoformat()} to {figure.until.isoformat()})"
                )
    return tuple(lines)


def claim_views(questionnaire: Questionnaire, assessment: Assessment) -> list[ClaimView]:
    texts = {q.id: q.text for _, q in questionnaire.questions()}
    return [
        ClaimView(
            question=texts[claim.question],
            kind=claim.kind,
            answered=claim.answered,
            suggested=claim.suggested,
            evidence=list(evidence_lines(claim.findings)),
        )
        for claim in claims_to_check(questionnaire, assessment)
    ]
