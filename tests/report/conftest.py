"""Models and assessments for the report tests: tiny and mini ML Test Score models answered by
hand (so every figure is known), and the bundled default model answered by the sample generator."""

import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pytest

from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.questionnaire import Questionnaire
from assess.domain.samples import sample_assessments
from assess.files.questionnaires import find_questionnaire, load_questionnaire
from tests.conftest import by_position

DATA = Path(__file__).parent.parent / "data"
ON = date(2026, 11, 2)
GENERATED = date(2026, 11, 22)
NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
# Team names and notes in several scripts: they must print as text, not as empty boxes.
TEAM = "Zürich Ωmega Команда 東京チーム"
NOTE = "Ça marche: проверено, ελέγχθηκε, 確認済み"
ASSESSORS = ["R. Ødegård", "李娜"]
# The characters of TEAM, NOTE and ASSESSORS that only a CJK font has (DejaVu has the rest).
CJK_CHARS = set("東京チーム確認済み李娜")


@cache
def cjk_font_installed() -> bool:
    """Whether fontconfig knows a font for Chinese (fonts-noto-cjk installs one). Tests that
    print CJK text check the real glyphs where one is, and the missing-font warning where not."""
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


def without_cjk(text: str) -> str:
    """text as a PDF without a CJK font prints it: the CJK characters are empty boxes."""
    return "".join(char for char in text if char not in CJK_CHARS)


Build = Callable[[str, dict[str, Answer]], tuple[Questionnaire, Assessment]]


def choice(n: int, note: str = "", evidence: str = "") -> Answer:
    return Answer(position=n, note=note, evidence=evidence, source="interview")


def answered(
    questionnaire: Questionnaire,
    answers: dict[str, Answer],
    team: str = TEAM,
    status: str = "complete",
) -> Assessment:
    assessment = new_assessment(questionnaire, team, ASSESSORS, ON, NOW)
    answers = by_position(questionnaire, answers)
    return assessment.model_copy(update={"answers": answers, "status": status})


@pytest.fixture(scope="session")
def tiny() -> Questionnaire:
    return load_questionnaire(DATA / "tiny.yaml")


@pytest.fixture(scope="session")
def mini_mlts() -> Questionnaire:
    return load_questionnaire(DATA / "mini-mlts.yaml")


@pytest.fixture(scope="session")
def default_model() -> Questionnaire:
    return find_questionnaire(None, [])


@pytest.fixture(scope="session")
def tiny_full(tiny: Questionnaire) -> Assessment:
    """ci: (3×1 + 1×3) / 4 = 1.5, target 4, gap 2.5; tracking: (2 + 5) / 2 = 3.5, target 3,
    gap -0.5; overall (1.5×2 + 3.5) / 3 = 2.2 (level 2)."""
    return answered(
        tiny,
        {
            "ci-builds": choice(2, note=NOTE, evidence="https://ci.example/pipelines"),
            "ci-gate": choice(1),
            "tracking-runs": choice(2),
            "tracking-compare": choice(2, note="Side by side in the tracker."),
        },
    )


@pytest.fixture(scope="session")
def tiny_half(tiny: Questionnaire) -> Assessment:
    """ci: only ci-gate (level 1), gap 3.0; tracking: only 'don't know' (level 1), gap 2.0."""
    return answered(
        tiny,
        {"ci-gate": choice(1), "tracking-runs": Answer(skip="dont-know")},
        status="in-progress",
    )


@pytest.fixture(scope="session")
def mlts_full(mini_mlts: Questionnaire) -> Assessment:
    """Sections: data 1.5, model 0, infrastructure 1.5, monitoring 2 points; final 0."""
    return answered(
        mini_mlts,
        {
            "data-schema": choice(3),
            "data-privacy": choice(2),
            "model-spec": choice(1),
            "model-baseline": choice(1),
            "infra-repro": choice(2),
            "infra-rollback": choice(3),
            "mon-drift": choice(3),
            "mon-latency": choice(3),
        },
    )


@pytest.fixture(scope="session")
def mlts_half(mini_mlts: Questionnaire) -> Assessment:
    """Only data-schema, done manually: data 0.5 points (level 2, gap 1.0); final 0.5."""
    return answered(mini_mlts, {"data-schema": choice(2)}, status="in-progress")


@pytest.fixture(scope="session")
def default_samples(default_model: Questionnaire) -> list[Assessment]:
    return sample_assessments(default_model, 5, 7, ON)
