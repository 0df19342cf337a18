"""What is not scored is never shown as zero: hand-made cases on the tiny model.

ci: ci-builds 'Some' (level 3), ci-gate unanswered: score 3.0 resting on 1 of 2 answers.
tracking: both questions not applicable: no score, no recommendations. Overall 3.0 (only ci)."""

import io

import pytest
from rich.console import Console

from assess.domain.assessment import Answer, Assessment
from assess.domain.coverage import all_not_applicable, answered_mark, not_scored_reason
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import score
from assess.report.compare_document import _heat_cell
from assess.report.gap_report import gap_report_html, report_view
from assess.report.markdown import gap_report_markdown
from assess.report.terminal import scorecard_table
from assess.tui.widgets.chart import score_bar
from tests.report.conftest import GENERATED, answered, choice


@pytest.fixture
def no_ml(tiny: Questionnaire) -> Assessment:
    return answered(
        tiny,
        {
            "ci-builds": choice(2),
            "tracking-runs": Answer(skip="not-applicable"),
            "tracking-compare": Answer(skip="not-applicable"),
        },
    )


def test_reasons_and_marks(tiny: Questionnaire, no_ml: Assessment) -> None:
    card = score(tiny, no_ml)
    ci, tracking = card.dimension("ci"), card.dimension("tracking")
    assert (ci.score, not_scored_reason(ci), answered_mark(ci)) == (3.0, None, "1 of 2 answered")
    assert (tracking.score, not_scored_reason(tracking)) == (None, "not applicable")
    assert all_not_applicable(tracking) and answered_mark(tracking) == ""
    assert card.score == 3.0
    nothing = score(tiny, answered(tiny, {})).dimension("ci")
    assert (not_scored_reason(nothing), answered_mark(nothing)) == ("no answers", "")
    scoped = tracking.model_copy(update={"scoped_out": "no ML models"})
    assert not_scored_reason(scoped) == "scoped out" and all_not_applicable(scoped)


def test_gap_report_words_not_zeros(tiny: Questionnaire, no_ml: Assessment) -> None:
    view = report_view(tiny, no_ml, GENERATED)
    ci, tracking = view.dimensions
    assert (ci.score, ci.answered_mark, ci.not_scored) == ("3.0", "1 of 2 answered", "")
    assert (tracking.score, tracking.level, tracking.not_scored) == (
        "–",
        "not applicable",
        "not applicable",
    )
    assert tracking.not_scored_text == "Not applicable: every question was answered not applicable."
    # No bar from 0 and no recommendations for what does not apply.
    assert not tracking.bar.scored and tracking.bar.gap_width == 0.0
    assert tracking.steps == []
    assert [d.title for d in view.top_gaps] == ["Continuous integration"]
    assert view.overall_mark == "1 of 2 answered"
    assert view.areas[1].level == "not applicable"
    text = gap_report_markdown(view)
    assert "| 1 | Continuous integration | 3.0 (1 of 2 answered) | 3 · Defined | 4 | 1.0 |" in text
    assert "| 2 | Experiment tracking | – | not applicable | 3 | – |" in text


def test_terminal_table_says_not_applicable(tiny: Questionnaire, no_ml: Assessment) -> None:
    console = Console(width=120, file=io.StringIO(), record=True)
    console.print(scorecard_table(tiny, no_ml, score(tiny, no_ml)))
    lines = console.export_text().splitlines()
    tracking = next(line for line in lines if "Experiment tracking" in line)
    assert "not applicable" in tracking and "0.0" not in tracking
    ci = next(line for line in lines if "Continuous integration" in line)
    assert "1 of 2 answered" in ci


def test_heat_map_cell_and_review_bar(tiny: Questionnaire, no_ml: Assessment) -> None:
    from assess.domain.compare import compare

    comparison = compare(tiny, [no_ml], False)
    ci, tracking = comparison.rows[0].cells
    assert (ci.answered_mark, tracking.not_scored) == ("1 of 2 answered", "not applicable")
    assert _heat_cell(tracking).text == "n/a"
    assert (_heat_cell(ci).text, _heat_cell(ci).mark) == ("3.0", "1/2")
    bar = score_bar(None, 3, 5, 3, "not applicable")
    assert bar == [("not applicable ", "foreground-muted")]  # 15 cells, no block, no zero


def test_a_dimension_that_does_not_apply_is_short_in_the_pdf_layout(
    tiny: Questionnaire, no_ml: Assessment
) -> None:
    html = gap_report_html(report_view(tiny, no_ml, GENERATED))
    section = html[html.index('id="dim-tracking"') :]
    section = section[: section.index("</article>")]
    # Its answers, but no level boxes and no recommendations.
    assert "Not applicable: every question was answered not applicable." in section
    assert "No recommendations: the dimension does not apply to this team." in section
    assert 'class="levels"' not in section and "<h3>Recommendations</h3>" not in section
    assert "<h3>Answers</h3>" in section
