"""Fixtures for the terminal questionnaire: the tiny model, a fixed clock, files in tmp_path."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from assess.cli import fill_context
from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.questionnaire import Questionnaire
from assess.files.assessments import save_assessment, standard_path
from assess.files.questionnaires import load_questionnaire
from assess.tui.context import FillContext

DATA = Path(__file__).parent.parent / "data"
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 20)
ContextFactory = Callable[..., FillContext]


def clock() -> datetime:
    return NOW


@pytest.fixture(scope="session")
def tiny() -> Questionnaire:
    return load_questionnaire(DATA / "tiny.yaml")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "assessments"


@pytest.fixture
def make_context(root: Path) -> ContextFactory:
    """`assess fill`'s real wiring, limited to the test models, with the fixed clock."""

    def make(
        team: str | None = None,
        assessor: str | None = None,
        resume: Path | None = None,
        questionnaire: str | None = None,
    ) -> FillContext:
        return fill_context([DATA], questionnaire, team, assessor, resume, root, now=clock)

    return make


@pytest.fixture
def saved(root: Path, tiny: Questionnaire) -> Callable[..., Path]:
    """Writes an assessment of the tiny model with the given answers; returns its path."""

    def save(
        team: str = "Payments",
        answers: dict[str, Answer] | None = None,
        complete: bool = False,
        on: date = TODAY,
    ) -> Path:
        assessment: Assessment = new_assessment(tiny, team, ["Ana"], on, NOW)
        for question_id, answer in (answers or {}).items():
            assessment = assessment.with_answer(question_id, answer, NOW)
        if complete:
            assessment = assessment.with_status("complete", NOW)
        path = standard_path(root, assessment)
        save_assessment(assessment, path)
        return path

    return save
