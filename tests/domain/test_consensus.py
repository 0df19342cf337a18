"""Consolidation of several respondents, every figure worked out by hand."""

from fractions import Fraction

import pytest

from assess.domain.answers import answer_for
from assess.domain.assessment import Agreed, Answer, Assessment, new_assessment
from assess.domain.consensus import ConsensusError, agree, consolidate, labels
from assess.domain.questionnaire import Choice, Questionnaire
from assess.domain.scoring import score
from assess.files.questionnaires import find_questionnaire
from tests.conftest import NOW, TODAY, pick

DONT_KNOW = Answer(skip="dont-know")
NOT_APPLICABLE = Answer(skip="not-applicable")


def respondent(model: Questionnaire, name: str, **answers: Answer) -> Assessment:
    person = new_assessment(model, "Payments", [], TODAY, NOW)
    person = person.model_copy(update={"respondent": name})
    for key, answer in answers.items():
        person = person.with_answer(key.replace("_", "-"), answer, NOW)
    return person


def builds(model: Questionnaire, *choices: int | Answer) -> list[Assessment]:
    """Respondents answering ci-builds (choices None=1, Some=3, All=5) as given."""
    return [
        respondent(model, f"r{i}", ci_builds=c if isinstance(c, Answer) else pick("ci-builds", c))
        for i, c in enumerate(choices)
    ]


def test_odd_number_takes_the_middle_level(tiny: Questionnaire) -> None:
    # Levels 1, 3, 5: median 3 ("some"); range 4 -> flagged; IQR: q1 = 2, q3 = 4 -> 2.
    result = consolidate(tiny, builds(tiny, 1, 2, 3), "Payments", TODAY, NOW)
    q = result.question("ci-builds")
    assert q.distribution == {"none": 1, "some": 1, "all": 1}
    assert q.answer is not None and q.answer.choice == "some"
    assert (q.low, q.high, q.range, q.iqr, q.flagged) == (1, 5, 4, 2, True)


def test_even_number_takes_the_lower_of_the_two_middle_levels(tiny: Questionnaire) -> None:
    # Levels 1, 3, 5, 5: the middle two are 3 and 5; the lower median is 3, never 4 or 5.
    # IQR: q1 at rank 0.75 -> 1 + 0.75 x 2 = 2.5; q3 at rank 2.25 -> 5; IQR 2.5.
    result = consolidate(tiny, builds(tiny, 3, 1, 2, 3), "Payments", TODAY, NOW)
    q = result.question("ci-builds")
    assert q.answer is not None and q.answer.choice == "some"
    assert q.iqr == Fraction(5, 2) and q.range == 4


def test_a_tie_between_two_camps_goes_to_the_lower(tiny: Questionnaire) -> None:
    # Two say 3, two say 5: lower median 3; range 2 -> flagged (two levels or more).
    result = consolidate(tiny, builds(tiny, 2, 3, 2, 3), "Payments", TODAY, NOW)
    q = result.question("ci-builds")
    assert q.answer is not None and q.answer.choice == "some"
    assert (q.range, q.flagged) == (2, True)


def test_one_level_apart_is_not_a_disagreement(tiny: Questionnaire) -> None:
    # tracking-runs levels 1, 2, 4 by choice; 1 and 2 span one level.
    people = [
        respondent(tiny, "a", tracking_runs=pick("tracking-runs", 1)),
        respondent(tiny, "b", tracking_runs=pick("tracking-runs", 2)),
    ]
    q = consolidate(tiny, people, "Payments", TODAY, NOW).question("tracking-runs")
    assert q.answer is not None and q.answer.choice == "nowhere"
    assert (q.range, q.iqr, q.flagged) == (1, Fraction(1, 2), False)


def test_all_not_applicable_is_not_applicable_and_not_scored(tiny: Questionnaire) -> None:
    people = [respondent(tiny, n, tracking_runs=NOT_APPLICABLE) for n in "abc"]
    result = consolidate(tiny, people, "Payments", TODAY, NOW)
    q = result.question("tracking-runs")
    assert q.distribution == {"not-applicable": 3}
    assert q.counted == 0 and q.range is None and not q.flagged
    assert q.answer == NOT_APPLICABLE
    tracking = result.scorecard.dimension("tracking")
    assert tracking.not_applicable == 1 and tracking.unanswered == 1
    # No question of 'tracking' has a counted answer: no agreement figure, not 0 and not 1.
    assert result.dimensions[1].agreement is None


def test_not_applicable_beside_answers_is_counted_apart(tiny: Questionnaire) -> None:
    people = [
        respondent(tiny, "a", tracking_runs=NOT_APPLICABLE),
        respondent(tiny, "b", tracking_runs=pick("tracking-runs", 3)),
    ]
    q = consolidate(tiny, people, "Payments", TODAY, NOW).question("tracking-runs")
    assert q.distribution == {"not-applicable": 1, "in-a-tracking-server": 1}
    assert q.counted == 1 and q.answer is not None and q.answer.choice == "in-a-tracking-server"


def test_dont_know_counts_as_the_lowest_level(tiny: Questionnaire) -> None:
    # Don't know (1), don't know (1), all (5): lower median is don't know; range 4 flagged.
    result = consolidate(tiny, builds(tiny, DONT_KNOW, 3, DONT_KNOW), "Payments", TODAY, NOW)
    q = result.question("ci-builds")
    assert q.distribution == {"dont-know": 2, "all": 1}
    assert q.answer == DONT_KNOW and q.flagged
    # Don't know ranks below 'none' at the same level: the weaker statement wins the tie.
    q = consolidate(tiny, builds(tiny, 1, DONT_KNOW), "Payments", TODAY, NOW).question("ci-builds")
    assert q.answer == DONT_KNOW and q.range == 0


def test_choices_of_one_level_take_the_models_order_not_the_files() -> None:
    # Deployment frequency: "fewer than once per six months" (rarely) and "between once per
    # month and once every six months" (monthly) are both level 1, listed in that order. Sorted
    # by level, then by the model's order: rarely, monthly. Two respondents: the lower median is
    # the first, rarely. With on demand (level 5) as a third: the middle one, monthly. Either
    # way, whichever file comes first.
    model = find_questionnaire("devops-mlops", [])
    question = next(q for _, q in model.questions() if q.id == "dora-deploy-frequency")
    rarely, monthly, on_demand = question.choices[0], question.choices[1], question.choices[5]

    def team(*choices: Choice) -> list[Assessment]:
        return [
            respondent(model, f"r{n}", dora_deploy_frequency=answer_for(question, choice))
            for n, choice in enumerate(choices)
        ]

    for people, median in (
        (team(monthly, rarely), rarely),
        (team(monthly, rarely, on_demand), monthly),
    ):
        for order in (people, people[::-1]):
            result = consolidate(model, order, "Payments", TODAY, NOW)
            q = result.question("dora-deploy-frequency")
            assert q.answer is not None and q.answer.choice == median.id
            assert q.low == 1 and q.range == (0 if len(people) == 2 else 4)


def test_one_respondent_is_their_own_answer(tiny: Questionnaire) -> None:
    alone = respondent(tiny, "a", ci_builds=pick("ci-builds", 3), ci_gate=pick("ci-gate", 2))
    result = consolidate(tiny, [alone], "Payments", TODAY, NOW)
    q = result.question("ci-builds")
    assert (q.range, q.iqr, q.flagged) == (0, 0, False)
    # The consolidated score is the one respondent's own score: (5 x 1 + 4 x 3) / 4 = 17/4.
    assert result.scorecard.dimension("ci").score == Fraction(17, 4)
    assert score(tiny, alone).dimension("ci").score == Fraction(17, 4)


def test_dimension_score_and_agreement(tiny: Questionnaire) -> None:
    # ci-builds: 1, 3, 5 -> 3 (flagged); ci-gate: 4, 4, 1 -> sorted 1, 4, 4 -> 4 (range 3,
    # flagged). ci = (3 x 1 + 4 x 3) / 4 = 15/4; agreement 0 of 2 = 0.
    # tracking-runs: 2, 2, 4 -> 2 (range 2, flagged); tracking-compare: dk, no, no (all at
    # level 1, don't know first) -> the middle one is 'no' (1).
    # tracking = (2 + 1) / 2 = 3/2; agreement: 1 of 2 not flagged = 1/2.
    people = [
        respondent(
            tiny,
            "a",
            ci_builds=pick("ci-builds", 1),
            ci_gate=pick("ci-gate", 2),
            tracking_runs=pick("tracking-runs", 2),
            tracking_compare=pick("tracking-compare", 1),
        ),
        respondent(
            tiny,
            "b",
            ci_builds=pick("ci-builds", 2),
            ci_gate=pick("ci-gate", 2),
            tracking_runs=pick("tracking-runs", 2),
            tracking_compare=pick("tracking-compare", 1),
        ),
        respondent(
            tiny,
            "c",
            ci_builds=pick("ci-builds", 3),
            ci_gate=pick("ci-gate", 1),
            tracking_runs=pick("tracking-runs", 3),
            tracking_compare=DONT_KNOW,
        ),
    ]
    result = consolidate(tiny, people, "Payments", TODAY, NOW)
    card = result.scorecard
    assert card.dimension("ci").score == Fraction(15, 4)
    assert card.dimension("tracking").score == Fraction(3, 2)
    assert result.question("tracking-compare").answer == pick("tracking-compare", 1)
    ci, tracking = result.dimensions
    assert (ci.flagged, ci.agreement) == (2, 0)
    assert (tracking.flagged, tracking.agreement) == (1, Fraction(1, 2))
    # Widest range first: ci-builds (4), ci-gate (3), tracking-runs (2).
    assert [q.question for q in result.disagreements] == ["ci-builds", "ci-gate", "tracking-runs"]


def test_a_facilitators_agreed_answer_replaces_the_median(tiny: Questionnaire) -> None:
    people = builds(tiny, 1, 2, 3)
    agreed = {"ci-builds": Agreed(answer=pick("ci-builds", 3), note="all repos have CI now")}
    result = consolidate(tiny, people, "Payments", TODAY, NOW, agreed=agreed)
    q = result.question("ci-builds")
    # The settled distribution stays on record beside the agreed answer and its note.
    assert q.distribution == {"none": 1, "some": 1, "all": 1}
    assert q.median is not None and q.median.choice == "some"
    assert q.agreed is not None and q.agreed.note == "all repos have CI now"
    assert q.answer is not None and q.answer.choice == "all"
    assert q.flagged  # still shown as a point the team discussed
    # ci: builds 5 (agreed), gate unanswered -> score 5.
    assert result.scorecard.dimension("ci").score == 5


def test_a_respondent_on_another_version_is_refused(tiny: Questionnaire) -> None:
    older = respondent(tiny, "Kim", ci_builds=pick("ci-builds", 1)).model_copy(
        update={"questionnaire_version": "0.9"}
    )
    with pytest.raises(ConsensusError, match=r"Kim answered version 0\.9 of .tiny., not 1\.0"):
        consolidate(tiny, [*builds(tiny, 2), older], "Payments", TODAY, NOW)
    other = older.model_copy(update={"questionnaire": "dora", "questionnaire_version": "1.0"})
    with pytest.raises(ConsensusError, match="questionnaire 'dora'"):
        consolidate(tiny, [other], "Payments", TODAY, NOW)
    with pytest.raises(ConsensusError, match="no respondents"):
        consolidate(tiny, [], "Payments", TODAY, NOW)


def test_base_assessment_gives_targets_and_scope(tiny: Questionnaire, blank: Assessment) -> None:
    base = blank.with_target("ci", 5, NOW).with_scoped_out("ml", "no models", NOW)
    assert base.scoped_out == {"ml": "no models"}
    result = consolidate(tiny, builds(tiny, 2), "Payments", TODAY, NOW, base=base)
    assert result.scorecard.dimension("ci").target == 5
    assert result.assessment.scoped_out == {"ml": "no models"}


def test_dimension_spread_is_the_range_of_the_respondents_own_scores(tiny: Questionnaire) -> None:
    # ci weighs ci-builds 1 and ci-gate 3. A: 1 and 4 -> (1 + 12) / 4 = 13/4; B: only
    # ci-builds 5 -> 5; C: 3 and 1 -> (3 + 3) / 4 = 3/2. Range 3/2 .. 5.
    people = [
        respondent(tiny, "A", ci_builds=pick("ci-builds", 1), ci_gate=pick("ci-gate", 2)),
        respondent(tiny, "B", ci_builds=pick("ci-builds", 3)),
        respondent(tiny, "C", ci_builds=pick("ci-builds", 2), ci_gate=pick("ci-gate", 1)),
    ]
    ci = next(d for d in consolidate(tiny, people, "Payments", TODAY, NOW).dimensions)
    assert (ci.dimension, ci.low, ci.high) == ("ci", Fraction(3, 2), 5)
    tracking = consolidate(tiny, people, "Payments", TODAY, NOW).dimensions[1]
    assert (tracking.low, tracking.high, tracking.agreement) == (None, None, None)


def test_the_record_keeps_spread_labels_and_agreed_answers(tiny: Questionnaire) -> None:
    people = builds(tiny, 1, 3)
    people[1] = people[1].model_copy(update={"anonymous": True, "respondent": ""})
    result = consolidate(tiny, people, "Payments", TODAY, NOW)
    settled = agree(result.question("ci-builds"), pick("ci-builds", 2), "CI on most", NOW)
    again = consolidate(tiny, people, "Payments", TODAY, NOW, agreed={"ci-builds": settled})
    saved = again.recorded(labels(people, named=True), True, {"a.json": "sha"}, NOW)
    record = saved.consolidation
    assert record is not None and record.respondents == ["r0", "Respondent 2"]
    assert labels(people, named=False) == ["Respondent 1", "Respondent 2"]
    assert set(record.questions) == {"ci-builds"}
    assert record.questions["ci-builds"].distribution == {"none": 1, "all": 1}
    assert record.agreed["ci-builds"].distribution == {"none": 1, "all": 1}
    assert saved.answer("ci-builds").choice == "some"
    assert saved.answer("ci-builds").source == "agreed by the team"
    assert not again.question("ci-builds").reopened
    # A third respondent changes the distribution the agreement settled: it is reopened.
    more = consolidate(
        tiny, [*people, *builds(tiny, 3)], "Payments", TODAY, NOW, agreed={"ci-builds": settled}
    )
    assert more.question("ci-builds").reopened
    assert Assessment.model_validate_json(saved.model_dump_json()) == saved


def test_answers_the_model_changed_under_count_apart(tiny: Questionnaire) -> None:
    # ci-builds: None=1, Some=3, All=5. A reworded 'all' and a re-levelled 'none' are changed
    # answers: counted as unanswered, out of the median. An answer naming only the id counts.
    given = [
        pick("ci-builds", 3),
        Answer(choice="all", text="Every repository", level=5),
        Answer(choice="some"),
        Answer(choice="none", text="None", level=2),
    ]
    people = [respondent(tiny, f"r{i}", ci_builds=a) for i, a in enumerate(given)]
    q = consolidate(tiny, people, "Payments", TODAY, NOW).question("ci-builds")
    assert q.distribution == {"all": 1, "some": 1, "unanswered": 2}
    # Levels 3 and 5: lower median 3 ('some'), range 2 -> flagged.
    assert q.answer is not None and q.answer.choice == "some"
    assert (q.counted, q.low, q.high, q.flagged) == (2, 3, 5, True)
