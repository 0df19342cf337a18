"""The scorecard as JSON, for scripts."""

import json
from typing import Any

from assess.domain.assessment import Assessment
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import Scorecard


def scorecard_data(
    questionnaire: Questionnaire, assessment: Assessment, card: Scorecard
) -> dict[str, Any]:
    return {
        "team": assessment.team,
        "date": assessment.date.isoformat(),
        "status": assessment.status,
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "method": card.method,
        "score": None if card.score is None else float(card.score),
        "level": card.level,
        "complete": card.complete,
        "areas": [a.model_dump(mode="json") for a in card.areas],
        "dimensions": [
            {**d.model_dump(mode="json"), "complete": d.complete, "priority": float(d.priority)}
            for d in card.dimensions
        ],
        "gaps": [d.dimension for d in card.gaps],
        "ml_test_score": card.ml_test_score and card.ml_test_score.model_dump(mode="json"),
        "dora": card.dora and card.dora.model_dump(mode="json"),
    }


def scorecard_json(questionnaire: Questionnaire, assessment: Assessment, card: Scorecard) -> str:
    return json.dumps(scorecard_data(questionnaire, assessment, card), indent=2, ensure_ascii=False)
