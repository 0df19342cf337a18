"""The scorer (integer arithmetic, one plan per questionnaire) gives exactly the scorecard of the
plain Fraction reference (tests/domain/reference_scoring.py), on random assessments: every kind
of answer (choices as recorded or changed since, don't know, not applicable allowed or not,
format-1 positions, unknown choices, unconfirmed carry-overs), stray and out-of-range targets,
scoped-out areas and dimensions, decimal weights, short ladders and ML Test Score models."""

from fractions import Fraction
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.domain.answers import legacy_hash, resolve, upgrade
from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.questionnaire import Question, Questionnaire
from assess.domain.scoring import DimensionScore, figures, score
from assess.files.questionnaires import find_questionnaire, load_questionnaire
from tests.conftest import DATA, NOW, TODAY
from tests.domain.reference_scoring import reference_score

SMALL = ("tiny", "decimal-weights", "three-levels", "four-levels", "mini-mlts")
BUNDLED = ("devops-mlops", "ml-test-score")


@cache
def model(name: str) -> Questionnaire:
    if name in BUNDLED:
        return find_questionnaire(name, [])
    return load_questionnaire(DATA / f"{name}.yaml")


def decimal_weight() -> st.SearchStrategy[float]:
    """A weight as a model author writes it: 0.3, 2, 1.25, 0.007."""
    return st.builds(
        lambda digits, places: float(f"{digits / 10**places:.{places}f}"),
        st.integers(1, 999),
        st.integers(0, 3),
    )


@st.composite
def reweighted(draw: st.DrawFn, name: str) -> Questionnaire:
    """The model with random decimal weights on its questions and dimensions."""
    data: dict[str, Any] = model(name).model_dump(exclude_defaults=True)
    for area in data["areas"]:
        for dimension in area["dimensions"]:
            dimension["weight"] = draw(decimal_weight())
            for question in dimension["questions"]:
                question["weight"] = draw(decimal_weight())
    return Questionnaire.model_validate(data)


def answer_to(draw: st.DrawFn, question: Question) -> Answer | None:
    kind = draw(
        st.sampled_from(
            [
                *("none", "choice", "choice", "choice", "dont-know", "not-applicable"),
                *("position", "removed", "reworded", "relevelled", "id-only", "empty"),
            ]
        )
    )
    confirmed = draw(st.booleans())
    choice = draw(st.sampled_from(question.choices))
    recorded: dict[str, object] = {"choice": choice.id, "text": choice.text}
    recorded.update(level=choice.level, points=choice.points)
    if kind == "none":
        return None
    if kind == "empty":
        return Answer(note="a note and nothing else")
    if kind in ("dont-know", "not-applicable"):
        return Answer(skip=kind, confirmed=confirmed)
    if kind == "position":
        return Answer(position=draw(st.integers(1, len(question.choices) + 1)))
    if kind == "removed":
        recorded["choice"] = "no-such-choice"
    elif kind == "reworded":
        recorded["text"] = choice.text + " (old wording)"
    elif kind == "relevelled":
        if choice.points is not None:
            recorded["points"] = choice.points + 0.5
        else:
            recorded["level"] = (choice.level or 1) + 1
    elif kind == "id-only":
        recorded = {"choice": choice.id}
    return Answer.model_validate({**recorded, "confirmed": confirmed, "source": "interview"})


@st.composite
def assessments(draw: st.DrawFn, questionnaire: Questionnaire) -> Assessment:
    answers = {}
    for _, question in questionnaire.questions():
        answer = answer_to(draw, question)
        if answer is not None:
            answers[question.id] = answer
    dimension_ids = [d.id for _, d in questionnaire.dimensions()]
    targets = draw(st.dictionaries(st.sampled_from([*dimension_ids, "stray"]), st.integers(-1, 7)))
    scopeable = [*questionnaire.scopeable(), dimension_ids[0], "stray"]
    scoped = draw(st.dictionaries(st.sampled_from(scopeable), st.just("not ours")))
    blank = new_assessment(questionnaire, "Team", [], TODAY, NOW)
    update: dict[str, object] = {"answers": answers, "targets": targets, "scoped_out": scoped}
    if draw(st.booleans()):
        # As read from a format-1 file of this very model: its positions are mapped.
        update["questionnaire_hash"] = legacy_hash(questionnaire)
    return blank.model_copy(update=update)


def exact_pair(pair: tuple[int, int] | None) -> Fraction | None:
    return None if pair is None else Fraction(*pair)


def same_card(questionnaire: Questionnaire, assessment: Assessment) -> None:
    card = score(questionnaire, assessment)
    expected = reference_score(questionnaire, assessment)
    assert card == expected
    assert card.model_dump() == expected.model_dump()
    # Exact values of the same types: Fractions, never floats.
    for got, want in zip(card.dimensions, expected.dimensions, strict=True):
        for value in (got.score, got.gap, got.points, got.weight, got.priority):
            assert value is None or type(value) is Fraction
        assert (got.score, got.gap, got.priority) == (want.score, want.gap, want.priority)
    assert card.score is None or type(card.score) is Fraction
    # The plan is kept per questionnaire: scoring again gives the same again.
    assert score(questionnaire, assessment) == card
    same_figures(questionnaire, assessment, card.dimensions)
    numbers = figures(questionnaire, assessment)
    assert (numbers.score, numbers.level) == (card.score, card.level)
    upgraded = upgrade(assessment, questionnaire)[0]
    expected_answers = [resolve(q, upgraded.answer(q.id)) for _, q in questionnaire.questions()]
    assert numbers.resolved == expected_answers


def same_figures(
    questionnaire: Questionnaire, assessment: Assessment, dimensions: list[DimensionScore]
) -> None:
    """figures() gives each dimension's numbers of its scorecard, exactly."""
    got = figures(questionnaire, assessment).dimensions
    assert len(got) == len(dimensions)
    for numbers, d in zip(got, dimensions, strict=True):
        assert exact_pair(numbers.score) == d.score
        assert exact_pair(numbers.gap) == d.gap
        assert exact_pair(numbers.points) == d.points
        assert (numbers.level, numbers.target, numbers.answered) == (d.level, d.target, d.answered)
        assert (numbers.not_applicable, numbers.dont_know, numbers.unanswered) == (
            d.not_applicable,
            d.dont_know,
            d.unanswered,
        )


FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.data())
def test_small_models_score_as_the_reference(data: st.DataObject) -> None:
    questionnaire = model(data.draw(st.sampled_from(SMALL)))
    same_card(questionnaire, data.draw(assessments(questionnaire)))


@FAST
@given(st.data())
def test_decimal_weights_score_as_the_reference(data: st.DataObject) -> None:
    questionnaire = data.draw(reweighted(data.draw(st.sampled_from(SMALL))))
    same_card(questionnaire, data.draw(assessments(questionnaire)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_bundled_models_score_as_the_reference(data: st.DataObject) -> None:
    # devops-mlops: gates, DORA questions, areas and dimensions that can be scoped out.
    questionnaire = model(data.draw(st.sampled_from(BUNDLED)))
    same_card(questionnaire, data.draw(assessments(questionnaire)))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_bundled_model_with_decimal_weights(data: st.DataObject) -> None:
    questionnaire = data.draw(reweighted("devops-mlops"))
    same_card(questionnaire, data.draw(assessments(questionnaire)))


def test_a_copy_of_a_model_is_planned_for_itself() -> None:
    # Two model objects never share a plan: a weight changed in a copy changes its score.
    tiny = model("tiny")
    data = tiny.model_dump(exclude_defaults=True)
    data["areas"][0]["dimensions"][0]["questions"][0]["weight"] = 5
    heavier = Questionnaire.model_validate(data)
    question = tiny.areas[0].dimensions[0].questions
    answers = {
        q.id: Answer(choice=c.id, text=c.text, level=c.level)
        for q, c in ((question[0], question[0].choices[0]), (question[1], question[1].choices[-1]))
    }
    assessment = new_assessment(tiny, "Team", [], TODAY, NOW).model_copy(
        update={"answers": answers}
    )
    assert score(tiny, assessment) == reference_score(tiny, assessment)
    assert score(heavier, assessment) == reference_score(heavier, assessment)
    assert score(tiny, assessment) != score(heavier, assessment)
