"""Quality guard for the bundled maturity models: every question is answerable and checkable,
every dimension is fully described, and the default model keeps its promised shape."""

import re
from collections import Counter
from pathlib import Path

import pytest

from assess.bundled import questionnaires_dir
from assess.domain.questionnaire import Choice, Question, Questionnaire
from assess.files.questionnaires import load_questionnaire

BUNDLED = sorted(questionnaires_dir().glob("*.yaml"))
MODELS = [load_questionnaire(path) for path in BUNDLED]
IDS = [path.stem for path in BUNDLED]

# Wording that asks for an opinion instead of a checkable fact.
VAGUE = re.compile(
    r"\b(do you (value|believe|feel|think|care|agree)|how important|how (well|good|mature)"
    r"|to what extent|would you say|strive|try to)\b",
    re.IGNORECASE,
)


def rank(choice: Choice) -> float:
    """How mature a choice is: its level, or its points for ml-test-score."""
    if choice.level is not None:
        return float(choice.level)
    assert choice.points is not None
    return choice.points


def all_questions(model: Questionnaire) -> list[Question]:
    return [question for _, question in model.questions()]


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_every_question_has_help_and_evidence(model: Questionnaire) -> None:
    for question in all_questions(model):
        assert question.help.strip(), question.id
        assert question.evidence, question.id
        assert all(hint.strip() for hint in question.evidence), question.id


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_every_question_has_choices_spanning_at_least_two_levels(model: Questionnaire) -> None:
    for question in all_questions(model):
        # DORA's change fail rate keeps seven bands so each votes for one 2024 cluster.
        most = 7 if question.dora else 6
        assert 2 <= len(question.choices) <= most, question.id
        assert len({rank(choice) for choice in question.choices}) >= 2, question.id


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_choices_run_from_least_to_most_mature(model: Questionnaire) -> None:
    for question in all_questions(model):
        ranks = [rank(choice) for choice in question.choices]
        assert ranks == sorted(ranks), question.id


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_no_choice_text_repeats_within_a_question(model: Questionnaire) -> None:
    for question in all_questions(model):
        texts = [choice.text for choice in question.choices]
        assert len(set(texts)) == len(texts), question.id


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_no_two_questions_share_a_text(model: Questionnaire) -> None:
    counts = Counter(question.text for question in all_questions(model))
    assert [text for text, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_no_question_asks_for_an_opinion(model: Questionnaire) -> None:
    vague = [q.id for q in all_questions(model) if VAGUE.search(q.text)]
    assert vague == []


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_every_dimension_describes_all_levels_and_how_to_move_up(model: Questionnaire) -> None:
    top = model.top_level
    for _, dimension in model.dimensions():
        assert dimension.description.strip(), dimension.id
        assert sorted(dimension.levels) == list(range(1, top + 1)), dimension.id
        assert all(text.strip() for text in dimension.levels.values()), dimension.id
        assert sorted(dimension.recommendations) == list(range(1, top)), dimension.id
        for level in dimension.recommendations:
            recommendation = dimension.recommendation(level)
            # A recommendation says how to tell it worked, so a team can plan and check it.
            assert recommendation is not None and recommendation.worked_when, dimension.id


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_sources_are_listed(model: Questionnaire) -> None:
    assert model.references
    assert all(ref.url.startswith("https://") for ref in model.references)


# --- the default model's shape ---

DEFAULT = next(model for model in MODELS if model.id == "devops-mlops")


def test_default_model_has_six_areas_and_its_promised_size() -> None:
    per_area = {area.id: len(area.dimensions) for area in DEFAULT.areas}
    assert per_area == {
        "devops": 11,
        "platform-people": 3,
        "mlops": 10,
        "llmops": 6,
        "ai-governance": 2,
        "cross-cutting": 2,
    }
    assert len(all_questions(DEFAULT)) == 139


def test_scoping_keeps_each_kind_of_team_within_its_question_budget() -> None:
    ml_free = {"mlops": "", "llmops": "", "ai-governance": ""}
    llm_team = {"mlops": ""}
    assert len(DEFAULT.questions_in_scope(ml_free)) == 73  # at most about 80
    assert len(DEFAULT.questions_in_scope(llm_team)) == 100
    assert len(DEFAULT.questions_in_scope({})) == 139  # at most about 150
    assert set(DEFAULT.scopeable()) == {
        "containers",
        "mlops",
        "llmops",
        "retrieval-data",
        "llm-agents",
        "ai-governance",
    }


def test_every_default_recommendation_names_who_acts_in_steps() -> None:
    for _, dimension in DEFAULT.dimensions():
        for level, value in dimension.recommendations.items():
            assert not isinstance(value, str), (dimension.id, level)
            assert value.steps and value.worked_when.strip(), (dimension.id, level)


def test_weighted_questions_say_why() -> None:
    for question in all_questions(DEFAULT):
        if question.weight != 1:
            assert question.weight_reason.strip(), question.id


# Outcome shares that are measurements, not coverage of a practice.
MEASURED_SHARES = {"collab-coordination"}


def test_no_coverage_share_earns_a_level_by_breadth_alone() -> None:
    for question in all_questions(DEFAULT):
        if question.text.startswith("What share") and question.id not in MEASURED_SHARES:
            assert question.gate, question.id


def test_no_question_skips_a_level() -> None:
    for question in all_questions(DEFAULT):
        if question.gate:
            continue  # a gate's levels are ceilings, not rungs
        levels = sorted({choice.level or 0 for choice in question.choices})
        assert levels == list(range(1, DEFAULT.top_level + 1)), question.id


THRESHOLD = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|minutes?|hours?|days?|weeks?|months?|years?)")
CUES = re.compile(r"DORA found|pitfall|associated with|best practice|\bshould\b", re.IGNORECASE)


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_help_does_not_give_away_a_higher_choice(model: Questionnaire) -> None:
    for question in all_questions(model):
        above_lowest = question.choices[1:]
        thresholds = {t.replace(" ", "") for c in above_lowest for t in THRESHOLD.findall(c.text)}
        in_help = {t.replace(" ", "") for t in THRESHOLD.findall(question.help)}
        assert not thresholds & in_help, question.id
        assert not CUES.search(question.help), question.id


# Each practice is scored in one home question; the others may mention it in help or levels.
CONSTRUCTS = {
    r"GitOps|reconcil": {"iac-apply", "ctr-release"},
    r"canary|progressive": {"cd-rollout", "srv-rollout"},
    r"model card": {"gov-documentation"},
    r"slice": {"xf-slices"},
    r"merge[sd]? automatically|automerge|automatic merging": {"toil-hygiene"},
    r"automated remediation|trigger automation": {"toil-runs"},
    r"provenance": {"sc-provenance"},
    r"SBOM": {"sc-provenance"},
    r"error budget|error-budget": {"rel-budget-policy", "rel-slo"},
}


def test_each_practice_is_scored_in_one_home_question() -> None:
    for pattern, homes in CONSTRUCTS.items():
        found = {
            question.id
            for question in all_questions(DEFAULT)
            if any(re.search(pattern, c.text, re.IGNORECASE) for c in question.choices[1:])
        }
        assert found <= homes, (pattern, sorted(found - homes))


def test_no_two_questions_share_an_evidence_hint() -> None:
    counts = Counter(hint for question in all_questions(DEFAULT) for hint in question.evidence)
    assert [hint for hint, n in counts.items() if n > 1] == []


def test_the_mapping_from_1_0_names_every_old_question() -> None:
    old = load_questionnaire(questionnaires_dir() / "archive" / "devops-mlops-1.0.yaml")
    mapping = DEFAULT.mapping_from("1.0")
    assert mapping is not None
    assert set(mapping.questions) == {question.id for question in all_questions(old)}


def test_default_model_has_three_to_six_questions_per_dimension() -> None:
    for _, dimension in DEFAULT.dimensions():
        assert 3 <= len(dimension.questions) <= 6, dimension.id


def test_default_model_targets_are_sensible() -> None:
    for _, dimension in DEFAULT.dimensions():
        assert dimension.target in (3, 4), dimension.id


def test_default_model_question_ids_share_a_prefix_per_dimension() -> None:
    prefixes = {}
    for _, dimension in DEFAULT.dimensions():
        found = {question.id.split("-")[0] for question in dimension.questions}
        assert len(found) == 1, dimension.id
        prefixes[dimension.id] = found.pop()
    assert len(set(prefixes.values())) == len(prefixes)


def test_default_model_spans_level_1_to_5_in_every_question() -> None:
    # Gates too: their last choice (full coverage) caps nothing.
    for question in all_questions(DEFAULT):
        assert question.choices[0].level == 1, question.id
        assert question.choices[-1].level == DEFAULT.top_level, question.id


def test_every_mlops_question_may_be_not_applicable() -> None:
    mlops = next(area for area in DEFAULT.areas if area.id == "mlops")
    for dimension in mlops.dimensions:
        for question in dimension.questions:
            assert question.allow_not_applicable, question.id


def test_the_four_dora_metrics_are_asked_once_each_with_values() -> None:
    dora = {q.id: q for q in all_questions(DEFAULT) if q.dora is not None}
    assert {q.id: q.dora for q in dora.values()} == {
        "dora-deploy-frequency": "deployment-frequency",
        "dora-lead-time": "lead-time",
        "dora-change-fail-rate": "change-fail-rate",
        "dora-recovery-time": "recovery-time",
    }
    for question in dora.values():
        values = [choice.dora_value for choice in question.choices]
        assert None not in values, question.id
        # Slowest or worst first: time buckets rise 1..6, fail rates fall.
        if question.dora == "change-fail-rate":
            assert values == sorted(values, key=lambda v: -(v or 0)), question.id
        else:
            assert values == [1, 2, 3, 4, 5, 6], question.id


# --- the ML Test Score's shape ---

ML_TEST = next(model for model in MODELS if model.id == "ml-test-score")


def test_ml_test_score_has_four_sections_of_seven_tests() -> None:
    assert ML_TEST.scoring == "ml-test-score"
    sections = {dimension.id: len(dimension.questions) for _, dimension in ML_TEST.dimensions()}
    assert sections == {"data": 7, "model": 7, "infrastructure": 7, "monitoring": 7}


def test_ml_test_score_choices_earn_0_half_or_1_point() -> None:
    for question in all_questions(ML_TEST):
        assert [choice.points for choice in question.choices] == [0, 0.5, 1], question.id
        assert all(choice.level is None for choice in question.choices), question.id


def test_bundled_files_are_found_by_id() -> None:
    assert {Path(path).stem for path in BUNDLED} == {model.id for model in MODELS}
