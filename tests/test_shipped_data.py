"""The bundled questionnaires validate and score as hand-computed: lowest and highest answers,
DORA cluster placement, and the ML Test Score's section sums, final score and band."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from assess.bundled import questionnaires_dir
from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.dora import METRICS as DORA_METRICS
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


# --- DORA: the bundled answers placed at the nearest 2024 cluster (hand-computed in 0..1 units) ---

DORA_CASES = {
    # Squared distance to elite: lead time 1.0 vs 0.8 -> 0.04, fail rate 0.03 vs 0.05 -> 0.0004.
    "elite": (
        "On demand (multiple deploys per day)",
        "Less than one hour",
        "0–5%",
        "Less than one hour",
    ),
    # Only the fail rate is off: 18% against 20%, squared 0.0004.
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


def _dora_card(texts: tuple[str, ...], dont_know: tuple[str, ...] = ()) -> Scorecard:
    questionnaire = load("devops-mlops")
    choices = {
        qid: choice_by_text(questionnaire, qid, text)
        for qid, text in zip(DORA_IDS, texts, strict=True)
        if text
    }
    assessment = answered(questionnaire, choices)
    for question_id in dont_know:
        assessment = assessment.with_answer(question_id, Answer(skip="dont-know"), NOW)
    return score(questionnaire, assessment)


@pytest.mark.parametrize("cluster", sorted(DORA_CASES))
def test_hand_made_dora_answers_give_the_hand_computed_cluster(cluster: str) -> None:
    card = _dora_card(DORA_CASES[cluster])
    assert card.dora is not None
    assert card.dora.cluster == cluster
    assert card.dora.missing == []
    assert "2024" in card.dora.source


def test_elite_speed_with_low_stability_is_placed_high_not_low() -> None:
    # The worked example of the README: on the 0..1 scale the team is (1.0, 1.0, 0.60, 0.4);
    # squared distances low 1.32, medium 1.13, high 0.64, elite 0.7025. Votes said "low".
    card = _dora_card(
        (
            "On demand (multiple deploys per day)",
            "Less than one hour",
            "More than 40%",
            "Between one week and one month",
        )
    )
    assert card.dora is not None
    assert card.dora.cluster == "high"
    assert card.dora.distances["high"] == pytest.approx(0.8)
    assert card.dora.distances["elite"] == pytest.approx(0.7025**0.5)
    assert card.dora.describe() == "high (distance 0.80)"


def test_three_metrics_tied_between_medium_and_high_go_to_medium() -> None:
    # Deploys daily-weekly (0.6), lead time week-month (0.4), recovery under a day (0.8):
    # medium 0.2² + 0 + 0 = 0.04, high 0 + 0.2² + 0 = 0.04.
    card = _dora_card(
        (
            "Between once per day and once per week",
            "Between one week and one month",
            "",
            "Between one hour and one day",
        )
    )
    assert card.dora is not None
    assert card.dora.distances["medium"] == card.dora.distances["high"] == pytest.approx(0.2)
    assert card.dora.cluster == "medium"
    assert card.dora.missing == ["change-fail-rate"]


def test_dont_know_counts_as_unanswered() -> None:
    # Three answers plus "don't know" on lead time: placed on three metrics, lead time missing.
    elite = DORA_CASES["elite"]
    card = _dora_card((elite[0], "", elite[2], elite[3]), dont_know=("dora-lead-time",))
    assert card.dora is not None
    assert card.dora.cluster == "elite"
    assert card.dora.distances["elite"] == pytest.approx(0.02)  # only the fail rate: 0.03 vs 0.05
    assert card.dora.missing == ["lead-time"]
    # "Don't know" on a second metric leaves two: not placed, and both are named.
    card = _dora_card(
        (elite[0], "", "", elite[3]), dont_know=("dora-lead-time", "dora-change-fail-rate")
    )
    assert card.dora is not None
    assert card.dora.cluster is None
    assert card.dora.describe() == (
        "not placed: 2 of 4 delivery metrics answered, at least 3 needed "
        "(missing lead-time, change-fail-rate)"
    )


def test_nothing_answered_is_not_placed_rather_than_left_out() -> None:
    card = score(load("devops-mlops"), answered(load("devops-mlops"), {}))
    assert card.dora is not None
    assert card.dora.cluster is None
    assert card.dora.missing == list(DORA_METRICS)


def test_rework_rate_counts_for_the_level_but_not_the_cluster() -> None:
    questionnaire = load("devops-mlops")
    rework = question(questionnaire, "dora-rework-rate")
    assert rework.dora is None
    card = score(questionnaire, answered(questionnaire, {"dora-rework-rate": 1}))
    assert card.dora is not None
    assert card.dora.cluster is None
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
