"""The gap report says what the team scoped out and why, and never scores it."""

from typing import Any

from assess.domain.assessment import Assessment
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import score
from assess.report.view import gap_report_view
from tests.conftest import NOW
from tests.report.conftest import GENERATED


def test_the_report_lists_the_scoped_out_area_with_its_reason(
    tiny: Questionnaire, tiny_full: Assessment
) -> None:
    data: dict[str, Any] = tiny.model_dump(mode="json", exclude_none=True)
    data["areas"][1]["scope_out"] = {"question": "ML models?", "reason": "no ML models"}
    model = Questionnaire.model_validate(data)
    assessment = tiny_full.with_scoped_out("ml", "builds no ML models", NOW)
    view = gap_report_view(model, assessment, score(model, assessment), GENERATED)
    assert view.scoped_out == [("Machine learning", "builds no ML models")]
    tracking = next(d for d in view.dimensions if d.title == "Experiment tracking")
    assert tracking.completeness == "scoped out: builds no ML models"
    assert tracking.score == "–"
