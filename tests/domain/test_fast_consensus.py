"""Consolidation gives exactly what the plain reference (tests/domain/reference_consensus.py)
gives, on random teams of respondents: every kind of answer the scoring property tests draw
(choices as recorded or changed since, don't know, not applicable, format-1 positions,
unconfirmed carry-overs), agreed answers, small and bundled models, ML Test Score models."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.domain.answers import answer_for
from assess.domain.assessment import Agreed, Answer, Assessment
from assess.domain.consensus import Consensus, consolidate, labels
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import score
from tests.conftest import NOW, TODAY
from tests.domain.reference_consensus import expected_dimension_range, expected_question
from tests.domain.test_fast_scoring import BUNDLED, SMALL, assessments, model


@st.composite
def team(draw: st.DrawFn, questionnaire: Questionnaire) -> list[Assessment]:
    # Few distinct answers per question, as in a real team, so that ties and shared answers
    # are common: each respondent copies an earlier one's answers now and then.
    people: list[Assessment] = []
    for _ in range(draw(st.integers(1, 9))):
        copy = draw(st.booleans())
        if people and copy:
            people.append(draw(st.sampled_from(people)))
        else:
            people.append(draw(assessments(questionnaire)))
    return people


@st.composite
def agreed_answers(draw: st.DrawFn, questionnaire: Questionnaire) -> dict[str, Agreed]:
    agreed = {}
    for _, question in questionnaire.questions():
        if draw(st.integers(0, 9)) == 0:
            choice = draw(st.sampled_from(question.choices))
            answer = answer_for(question, choice)
            agreed[question.id] = Agreed(answer=answer, note="settled", distribution={}, agreed=NOW)
    return agreed


def same_consensus(
    questionnaire: Questionnaire, people: list[Assessment], agreed: dict[str, Agreed]
) -> None:
    result = consolidate(questionnaire, people, "Team", TODAY, NOW, agreed)
    source = f"lower median of {len(people)} respondents"
    for (_, question), asked in zip(questionnaire.questions(), result.questions, strict=True):
        want = expected_question(questionnaire, question, people)
        assert asked.question == question.id
        assert asked.distribution == want.distribution
        assert (asked.counted, asked.low, asked.high, asked.iqr, asked.flagged) == (
            want.counted,
            want.low,
            want.high,
            want.iqr,
            want.flagged,
        )
        if want.median is None:
            assert asked.median is None
        elif want.median == "dont-know":
            assert asked.median == Answer(skip="dont-know")
        else:
            assert asked.median == answer_for(question, question.choice(want.median))  # type: ignore[arg-type]
        team_answer = result.assessment.answers.get(question.id)
        if question.id in agreed:
            agreed_answer = agreed[question.id].answer
            expected = agreed_answer.model_copy(update={"source": "agreed by the team"})
        elif asked.median is not None:
            expected = asked.median.model_copy(update={"source": source})
        elif "not-applicable" in want.distribution:
            expected = Answer(skip="not-applicable", source=source)
        else:
            expected = None
        assert team_answer == expected
    dimension_of = {q.id: d.id for d, q in questionnaire.questions()}
    for (_, dimension), got in zip(questionnaire.dimensions(), result.dimensions, strict=True):
        assert got.dimension == dimension.id
        assert (got.low, got.high) == expected_dimension_range(questionnaire, dimension.id, people)
        mine = [q for q in result.questions if dimension_of[q.question] == dimension.id]
        with_answers = [q for q in mine if q.counted]
        assert got.questions == len(with_answers)
        assert got.flagged == sum(q.flagged for q in with_answers)
    assert result.scorecard == score(questionnaire, result.assessment)
    # Built without validation, the results are what validation makes of them.
    assert Consensus.model_validate(result.model_dump()) == result
    recorded = result.recorded(labels(people, False), False, {}, NOW)
    assert Assessment.model_validate(recorded.model_dump()) == recorded


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.data())
def test_small_models_consolidate_as_the_reference(data: st.DataObject) -> None:
    questionnaire = model(data.draw(st.sampled_from(SMALL)))
    people = data.draw(team(questionnaire))
    same_consensus(questionnaire, people, data.draw(agreed_answers(questionnaire)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_bundled_models_consolidate_as_the_reference(data: st.DataObject) -> None:
    questionnaire = model(data.draw(st.sampled_from(BUNDLED)))
    people = data.draw(team(questionnaire))
    same_consensus(questionnaire, people, data.draw(agreed_answers(questionnaire)))
