from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from assess.domain.assessment import Assessment, new_assessment
from assess.domain.questionnaire import Questionnaire
from assess.files.questionnaires import load_questionnaire

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 20)


@pytest.fixture(scope="session")
def tiny() -> Questionnaire:
    return load_questionnaire(DATA / "tiny.yaml")


@pytest.fixture
def blank(tiny: Questionnaire) -> Assessment:
    return new_assessment(tiny, "Payments", ["A. Rivera"], TODAY, NOW)
