"""The bundled questionnaires validate and score as hand-computed: lowest and highest answers,
DORA cluster placement, and the ML Test Score's section sums, final score and band."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from assess.bundled import questionnaires_dir
from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.dora import nearest_clusters
from assess.domain.questionnaire import Question, Questionnaire
from assess.domain.scoring import Scorecard, score
from assess.files.questionnaires import load_questionnaire
from tests.conftest import by_position

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
BUNDLED = sorted(questionnaires_dir().glob("*.yaml"))


def load(name: str) -> Questionnaire:
    return load_questionnaire(questionnaires_dir() / f"{name}.yaml")


def answered(questionnaire: Questionnaire, choices: dict[str, int]) -> Assessment:
    """An assessment with the given 1-based choice per question id."""
    assessment = new_assessment(questionnaire, "Team", ["Assessor"], date(2026, 11, 20), NOW)
    for question_id, choice in choices.items():
        answer = by_position(questionnaire, {question_id: Answer(position=choice)})[question_id]
        assessment = assessment.with_answer(question_id, answer, NOW)
    return assessment


def question(questionnaire: Questionnaire, question_id: str) -> Question:
    return next(q for _, q in questionnaire.questions() if q.id == question_id)


def choice_by_text(questionnaire: Questionnaire, question_id: str, text: str) -> int:
    texts = [c.text for c in question(questionnaire, question_id).choices]
    return texts.index(text) + 1


def test_the_bundled_folder_holds_both_models() -> None:
    assert {path.stem for path in BUNDLED} >= {"devops-mlops", "ml-test-score"}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_questionnaire_validates(path: Path) -> None:
    questionnaire = load_questionnaire(path)
    assert questionnaire.id == path.stem
    assert sum(1 for _ in questionnaire.questions()) > 0


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_all_lowest_choices_score_level_1_everywhere(path: Path) -> None:
    questionnaire = load_questionnaire(path)
    card = score(questionnaire, answered(questionnaire, _all(questionnaire, lowest=True)))
    assert card.complete
    assert [d.level for d in card.dimensions] == [1] * len(card.dimensions)
    assert [a.level for a in card.areas] == [1] * len(card.areas)
    assert card.level == 1


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_all_highest_choices_score_level_5_everywhere(path: Path) -> None:
    questionnaire = load_questionnaire(path)
    card = score(questionnaire, answered(questionnaire, _all(questionnaire, lowest=False)))
    assert card.complete
    assert [d.level for d in card.dimensions] == [5] * len(card.dimensions)
    assert [a.level for a in card.areas] == [5] * len(card.areas)
    assert card.level == 5


def _all(questionnaire: Questionnaire, lowest: bool) -> dict[str, int]:
    return {q.id: 1 if lowest else len(q.choices) for _, q in questionnaire.questions()}


# --- DORA: each answer band votes for the cluster a reader of the 2024 report would expect ---

TIME_BUCKET_VOTES = {
    "dora-deploy-frequency": {
        "Fewer than once per six months": ["low"],
        "Between once per month and once every six months": ["low"],
        "Between once per week and once per month": ["medium"],
        "Between once per day and once per week": ["high"],
        # Between the high and elite clusters' buckets: one step from each, so it votes for both.
        "Between once per hour and once per day": ["high", "elite"],
        "On demand (multiple deploys per day)": ["elite"],
    },
    "dora-lead-time": {
        "More than six months": ["low"],
        "Between one month and six months": ["low"],
        "Between one week and one month": ["medium"],
        "Between one day and one week": ["high"],
        "Between one hour and one day": ["elite"],
        "Less than one hour": ["elite"],
    },
    "dora-recovery-time": {
        "More than six months": ["low"],
        "Between one month and six months": ["low"],
        "Between one week and one month": ["low"],
        # 2024: low sits at one week to one month, medium and high both at less than one day.
        "Between one day and one week": ["low", "medium", "high"],
        "Between one hour and one day": ["medium", "high"],
        "Less than one hour": ["elite"],
    },
    "dora-change-fail-rate": {
        "More than 40%": ["low"],
        "31–40%": ["low"],
        "21–30%": ["high"],
        "16–20%": ["high"],
        "11–15%": ["medium"],
        # 2024 inversion: the medium cluster reported 10%, the high cluster 20%.
        "6–10%": ["medium"],
        "0–5%": ["elite"],
    },
}


@pytest.mark.parametrize("question_id", sorted(TIME_BUCKET_VOTES))
def test_each_dora_answer_votes_for_the_expected_cluster(question_id: str) -> None:
    q = question(load("devops-mlops"), question_id)
    assert q.dora is not None
    votes = {c.text: nearest_clusters(q.dora, c.dora_value or 0.0) for c in q.choices}
    assert votes == TIME_BUCKET_VOTES[question_id]


DORA_CASES = {
    "elite": (
        "On demand (multiple deploys per day)",
        "Less than one hour",
        "0–5%",
        "Less than one hour",
    ),
    # Recovery 'less than one day' votes for medium and high; high still has most votes (4 to 1).
    "high": (
        "Between once per day and once per week",
        "Between one day and one week",
        "16–20%",
        "Between one hour and one day",
    ),
    "medium": (
        "Between once per week and once per month",
        "Between one week and one month",
        "6–10%",
        "Between one hour and one day",
    ),
    "low": (
        "Between once per month and once every six months",
        "Between one month and six months",
        "31–40%",
        "Between one week and one month",
    ),
}
DORA_IDS = (
    "dora-deploy-frequency",
    "dora-lead-time",
    "dora-change-fail-rate",
    "dora-recovery-time",
)


def _dora_card(texts: tuple[str, ...]) -> Scorecard:
    questionnaire = load("devops-mlops")
    choices = {
        qid: choice_by_text(questionnaire, qid, text)
        for qid, text in zip(DORA_IDS, texts, strict=True)
        if text
    }
    return score(questionnaire, answered(questionnaire, choices))


@pytest.mark.parametrize("cluster", sorted(DORA_CASES))
def test_hand_made_dora_answers_give_the_hand_computed_cluster(cluster: str) -> None:
    card = _dora_card(DORA_CASES[cluster])
    assert card.dora is not None
    assert card.dora.cluster == cluster
    assert card.dora.missing == []
    assert "2024" in card.dora.source


def test_a_tie_between_clusters_goes_to_the_lower_one() -> None:
    # Elite speed (deploys, lead time) with low stability (fail rate, recovery): 2 votes each.
    card = _dora_card(
        (
            "On demand (multiple deploys per day)",
            "Less than one hour",
            "More than 40%",
            "Between one week and one month",
        )
    )
    assert card.dora is not None
    assert card.dora.per_metric == {
        "deployment-frequency": ["elite"],
        "lead-time": ["elite"],
        "change-fail-rate": ["low"],
        "recovery-time": ["low"],
    }
    assert card.dora.cluster == "low"


def test_a_mixed_answer_set_is_placed_by_most_votes() -> None:
    # Votes: high 3 (deploys, fail rate, recovery), elite 2, low 1, medium 1.
    card = _dora_card(
        (
            "Between once per hour and once per day",
            "Between one hour and one day",
            "21–30%",
            "Between one day and one week",
        )
    )
    assert card.dora is not None
    assert card.dora.cluster == "high"


def test_unanswered_dora_metrics_are_reported_as_missing() -> None:
    card = _dora_card(("On demand (multiple deploys per day)", "Less than one hour", "", ""))
    assert card.dora is not None
    assert card.dora.cluster == "elite"
    assert card.dora.missing == ["change-fail-rate", "recovery-time"]


def test_rework_rate_counts_for_the_level_but_not_the_cluster() -> None:
    questionnaire = load("devops-mlops")
    rework = question(questionnaire, "dora-rework-rate")
    assert rework.dora is None
    card = score(questionnaire, answered(questionnaire, {"dora-rework-rate": 1}))
    assert card.dora is None
    assert card.dimension("delivery-performance").score == 1.0


# --- ML Test Score: section sums, final score (the minimum) and band ---

NOT_DONE, BY_HAND, AUTOMATED = 1, 2, 3


def _ml_card(per_section: dict[str, list[int]]) -> Scorecard:
    questionnaire = load("ml-test-score")
    choices: dict[str, int] = {}
    for _, dimension in questionnaire.dimensions():
        picks = per_section[dimension.id]
        for q, pick in zip(dimension.questions, picks, strict=True):
            choices[q.id] = pick
    return score(questionnaire, answered(questionnaire, choices))


def test_ml_test_score_sections_final_and_band_match_a_hand_computation() -> None:
    card = _ml_card(
        {
            # 7 automated = 7.0 points
            "data": [AUTOMATED] * 7,
            # 3 automated + 2 by hand = 4.0
            "model": [AUTOMATED] * 3 + [BY_HAND] * 2 + [NOT_DONE] * 2,
            # 2 by hand = 1.0: the weakest section sets the final score
            "infrastructure": [BY_HAND] * 2 + [NOT_DONE] * 5,
            # 1 automated + 3 by hand = 2.5
            "monitoring": [AUTOMATED] + [BY_HAND] * 3 + [NOT_DONE] * 3,
        }
    )
    result = card.ml_test_score
    assert result is not None
    assert result.sections == {"data": 7.0, "model": 4.0, "infrastructure": 1.0, "monitoring": 2.5}
    assert result.final == 1.0
    assert "serious holes" in result.band
    assert card.level == 2
    levels = {d.dimension: d.level for d in card.dimensions}
    assert levels == {"data": 5, "model": 4, "infrastructure": 2, "monitoring": 3}


@pytest.mark.parametrize(
    ("automated", "by_hand", "final", "band", "level"),
    [
        # 2 automated + 2 by hand = 3.0 in every section: the upper edge of the (2, 3] band.
        (2, 2, 3.0, "Reasonably tested", 3),
        # 5 automated + 1 by hand = 5.5 in every section.
        (5, 1, 5.5, "Exceptional", 5),
    ],
)
def test_ml_test_score_band_edges(
    automated: int, by_hand: int, final: float, band: str, level: int
) -> None:
    section = [AUTOMATED] * automated + [BY_HAND] * by_hand
    section += [NOT_DONE] * (7 - len(section))
    card = _ml_card({name: section for name in ("data", "model", "infrastructure", "monitoring")})
    result = card.ml_test_score
    assert result is not None
    assert result.final == final
    assert band in result.band
    assert card.level == level


def test_ml_test_score_dont_know_earns_no_points() -> None:
    questionnaire = load("ml-test-score")
    assessment = answered(questionnaire, _all(questionnaire, lowest=False))
    assessment = assessment.with_answer("mon3-training-serving-skew", Answer(skip="dont-know"), NOW)
    result = score(questionnaire, assessment).ml_test_score
    assert result is not None
    assert result.sections["monitoring"] == 6.0
    assert result.final == 6.0
