"""Shared builders for the comparison report tests: sample teams on tiny and on a 23-dimension
model made from tiny (the size of the bundled default model)."""

from datetime import date
from pathlib import Path
from typing import Any

from assess.domain.assessment import Assessment
from assess.domain.compare import Comparison, compare
from assess.domain.questionnaire import Questionnaire
from assess.domain.samples import sample_assessments
from assess.files.questionnaires import load_questionnaire

TINY = Path(__file__).parent.parent / "data" / "tiny.yaml"
TODAY = date(2026, 11, 1)
TITLES = [
    "Continuous integration",
    "Continuous delivery",
    "Infrastructure as code",
    "Observability",
    "Test automation",
    "Security",
    "Incident response",
    "Automation of toil",
    "Collaboration",
    "Experiment tracking",
    "Model registry",
    "Model monitoring",
    "Feature store",
    "Data validation",
    "Data versioning",
    "ML pipelines",
    "Model deployment",
    "Model testing",
    "Responsible AI",
    "Training infrastructure",
    "Skills",
    "Delivery performance",
    "Documentation",
]


def tiny() -> Questionnaire:
    return load_questionnaire(TINY)


def wide() -> Questionnaire:
    """tiny with its two dimensions cloned into 23, in two areas."""
    data: dict[str, Any] = tiny().model_dump(mode="json")
    base = [d for area in data["areas"] for d in area["dimensions"]]
    dims = []
    for n, title in enumerate(TITLES):
        clone = {**base[n % 2], "id": f"d{n}", "title": title}
        clone["questions"] = [{**q, "id": f"d{n}-{q['id']}"} for q in clone["questions"]]
        dims.append(clone)
    data["areas"] = [
        {"id": "devops", "title": "DevOps", "dimensions": dims[:12]},
        {"id": "mlops", "title": "MLOps", "dimensions": dims[12:]},
    ]
    return Questionnaire.model_validate(data)


def samples(q: Questionnaire, teams: int) -> list[Assessment]:
    return sample_assessments(q, teams, seed=3, today=TODAY)


def comparison(q: Questionnaire, teams: int, all_dates: bool = False) -> Comparison:
    return compare(q, samples(q, teams), all_dates)
