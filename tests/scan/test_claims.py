"""Answers against findings: claims to check, evidence-backed counts, the gap report section."""

from datetime import UTC, datetime

from assess.domain.assessment import Answer, Assessment
from assess.domain.claims import backed_by_evidence, claims_to_check
from assess.domain.evidence import Finding, Hit, RepositoryResult
from assess.domain.questionnaire import Questionnaire
from assess.report.gap_report import gap_report_html, report_view
from tests.conftest import NOW, TODAY

SCANNED = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)


def finding(question: str, suggests: str | None, rule: str = "r") -> Finding:
    return Finding(
        question=question,
        rule=rule,
        summary=f"{rule}: 1 matching file in the repository",
        suggests=suggests,
        repositories=[
            RepositoryResult(
                repository="api", matched=True, hits=[Hit(path="ci.yml", line=3)], passed=1
            )
        ],
        scanned_at=SCANNED,
    )


def scanned(blank: Assessment, answers: dict[str, Answer]) -> Assessment:
    found = {
        "ci-builds": [finding("ci-builds", "some")],  # tiny's choices: none, some, all
        "ci-gate": [finding("ci-gate", None, "evidence-only")],
    }
    assessment = blank.with_findings(found, NOW)
    for qid, answer in answers.items():
        assessment = assessment.with_answer(qid, answer, NOW)
    return assessment


def test_a_claim_above_the_files_is_contradicted(tiny: Questionnaire, blank: Assessment) -> None:
    assessment = scanned(blank, {"ci-builds": Answer(choice="all")})  # "All"
    (claim,) = claims_to_check(tiny, assessment)
    assert (claim.question, claim.kind, claim.answered, claim.suggested) == (
        "ci-builds",
        "contradicted",
        "All",
        "Some",
    )


def test_a_lower_answer_or_a_skip_declines_the_suggestion(
    tiny: Questionnaire, blank: Assessment
) -> None:
    lower = claims_to_check(tiny, scanned(blank, {"ci-builds": Answer(choice="none")}))
    skipped = claims_to_check(tiny, scanned(blank, {"ci-builds": Answer(skip="dont-know")}))
    assert [(c.kind, c.answered) for c in lower + skipped] == [
        ("declined", "None"),
        ("declined", "Don't know"),
    ]


def test_agreeing_and_unanswered_are_no_claims(tiny: Questionnaire, blank: Assessment) -> None:
    assert claims_to_check(tiny, scanned(blank, {"ci-builds": Answer(choice="some")})) == []
    assert claims_to_check(tiny, scanned(blank, {})) == []


def test_backed_by_evidence_counts(tiny: Questionnaire, blank: Assessment) -> None:
    # ci-builds agrees with its suggestion, ci-gate has evidence-only findings: both backed.
    both = scanned(blank, {"ci-builds": Answer(choice="some"), "ci-gate": Answer(choice="no")})
    assert backed_by_evidence(tiny, both) == 2
    # a contradicted answer is not backed; a question without findings never is.
    other = scanned(blank, {"ci-builds": Answer(choice="all"), "ci-gate": Answer(choice="no")})
    assert backed_by_evidence(tiny, other) == 1


def test_the_gap_report_lists_evidence_and_claims(tiny: Questionnaire, blank: Assessment) -> None:
    assessment = scanned(blank, {"ci-builds": Answer(choice="all")})
    html = gap_report_html(report_view(tiny, assessment, TODAY))
    assert "<h1>Claims to check</h1>" in html
    assert "claims more than the files show" in html
    assert "Found: r: 1 matching file in the repository (api: ci.yml:3)" in html


def test_no_claims_section_without_a_scan(tiny: Questionnaire, blank: Assessment) -> None:
    html = gap_report_html(report_view(tiny, blank, TODAY))
    assert "Claims to check" not in html


def test_the_markdown_report_lists_evidence_and_claims(
    tiny: Questionnaire, blank: Assessment
) -> None:
    from assess.report.markdown import gap_report_markdown

    assessment = scanned(blank, {"ci-builds": Answer(choice="all")})
    text = gap_report_markdown(report_view(tiny, assessment, TODAY))
    assert "  - Found: r: 1 matching file in the repository (api: ci.yml:3)" in text
    claims = text[text.index("## Claims to check") : text.index("## Roadmap")]
    assert "answered All, the files suggest Some (claims more than the files show)" in claims
    assert "Claims to check" not in gap_report_markdown(report_view(tiny, blank, TODAY))
