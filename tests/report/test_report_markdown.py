from assess.domain.assessment import Assessment
from assess.domain.questionnaire import Questionnaire
from assess.report.gap_report import report_view
from assess.report.markdown import gap_report_markdown
from assess.report.md_text import md
from tests.report.conftest import GENERATED, answered, choice


def test_markdown_report_is_compact_and_complete(
    mini_mlts: Questionnaire, mlts_half: Assessment
) -> None:
    text = gap_report_markdown(report_view(mini_mlts, mlts_half, GENERATED))
    assert text.startswith("# Maturity gap report: Zürich Ωmega Команда 東京チーム\n")
    assert "> **Draft: 7 of 8 questions unanswered; assessment not marked complete**" in text
    # Unanswered tests earn no points: the final score is a lower bound, marked provisional.
    assert "- **ML Test Score: 0** of 2 points, Level 1 · Research project" in text
    assert "- Provisional: unanswered tests earn no points" in text
    # Every section's score rests on part of its tests: each says how many were answered.
    assert (
        "| 1 | Tests for features and data | 0.5 of 2 | 2.0 (1 of 2 answered) | 2 · Holes "
        "| 3 | 1.0 |" in text
    )
    assert "### Phase 1: next quarter\n\n- [ ] **Tests for model development**: Level 1 " in text
    assert (
        "| 2 | Tests for model development | 0 of 2 | 1.0 (0 of 2 answered) "
        "| 1 · Research project | 3 | 2.0 |" in text
    )
    assert "(resting on 1 of 8 answered)" in text
    assert "- Tests for ML monitoring: Are latency and throughput monitored?" in text


def test_markdown_carries_every_answer_with_note_evidence_and_source(
    tiny: Questionnaire, tiny_full: Assessment
) -> None:
    text = gap_report_markdown(report_view(tiny, tiny_full, GENERATED))
    answers = text[text.index("## Answers") : text.index("## Roadmap")]
    assert answers.count("- **") == 4  # the four questions of tiny
    assert "  - Note: Ça marche: проверено, ελέγχθηκε, 確認済み" in answers
    assert "  - Evidence: https://ci.example/pipelines" in answers
    assert answers.count("  - Source: interview") == 4


def test_markdown_escapes_html_and_markdown() -> None:
    assert md('<img src="file:///etc/passwd">') == '&lt;img src="file:///etc/passwd"&gt;'
    assert md("{{ 7*7 }} a|b [x](y)") == r"{{ 7\*7 }} a\|b \[x\](y)"
    assert md("# not a heading\nnor a new line") == r"\# not a heading nor a new line"
    assert md("1. not a list") == r"1\. not a list"
    assert md("2.5") == "2.5"


def test_hostile_team_stays_text_in_markdown(tiny: Questionnaire) -> None:
    team = '</style><h1>x <img src="file:///etc/passwd"> | # {{ 7*7 }}'
    assessment = answered(tiny, {"ci-builds": choice(1)}, team=team)
    text = gap_report_markdown(report_view(tiny, assessment, GENERATED))
    assert "<" not in text
    assert r"&lt;/style&gt;&lt;h1&gt;x &lt;img" in text.splitlines()[0]
