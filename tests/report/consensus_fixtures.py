"""Teams whose assessment was consolidated from respondents, built with the domain's
consolidate() and Consensus.recorded(), as `assess consolidate` saves them.

On tests/data/tiny.yaml, three respondents (every figure below worked out by hand):

    question          levels of the choices      Ana     Ben        Cleo        median  range
    ci-builds         None 1, Some 3, All 5      None 1  Some 3     All 5       Some 3  4 flagged
    ci-gate (w 3)     No 1, Yes 4                No 1    Yes 4      Yes 4       Yes 4   3 flagged
    tracking-runs     Nowhere 1, Sheet 2, Srv 4  Nowh 1  Sheet 2    Sheet 2     Sheet 2 1
    tracking-compare  No 1, Yes 5                No 1    No 1       don't know  No 1    0

Own scores: ci (ci-builds weight 1, ci-gate weight 3): Ana (1 + 3) / 4 = 1, Ben (3 + 12) / 4 =
3.75, Cleo (5 + 12) / 4 = 4.25, so the range is 1.0 to 4.2 (scores are shown cut down); the team's
ci is (3 + 12) / 4 = 3.75. tracking: Ana 1, Ben 1.5, Cleo (2 + 1) / 2 = 1.5: range 1.0 to 1.5;
the team's is (2 + 1) / 2 = 1.5. Agreement: 2 of the 4 questions are flagged, 50%.
"""

from datetime import UTC, date, datetime, timedelta
from random import Random

from assess.domain.assessment import Agreed, Answer, Assessment, new_assessment
from assess.domain.consensus import agree, consolidate, labels
from assess.domain.questionnaire import Questionnaire
from assess.domain.samples import sample_assessments
from tests.conftest import pick_in

ON = date(2026, 11, 2)
NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
TEAM = "Payments"
NAMES = ["Ana", "Ben", "Cleo"]
GATE_NOTE = "Hotfixes skip the gate today; the team agreed to count it as blocked."


def person(model: Questionnaire, name: str, answers: dict[str, Answer]) -> Assessment:
    respondent = new_assessment(model, TEAM, [], ON, NOW)
    return respondent.model_copy(
        update={"respondent": name, "answers": answers, "status": "complete"}
    )


def tiny_respondents(tiny: Questionnaire) -> list[Assessment]:
    def at(qid: str, n: int) -> Answer:
        return pick_in(tiny, qid, n)

    return [
        person(
            tiny,
            "Ana",
            {
                "ci-builds": at("ci-builds", 1),
                "ci-gate": at("ci-gate", 1),
                "tracking-runs": at("tracking-runs", 1),
                "tracking-compare": at("tracking-compare", 1),
            },
        ),
        person(
            tiny,
            "Ben",
            {
                "ci-builds": at("ci-builds", 2),
                "ci-gate": at("ci-gate", 2),
                "tracking-runs": at("tracking-runs", 2),
                "tracking-compare": at("tracking-compare", 1),
            },
        ),
        person(
            tiny,
            "Cleo",
            {
                "ci-builds": at("ci-builds", 3),
                "ci-gate": at("ci-gate", 2),
                "tracking-runs": at("tracking-runs", 2),
                "tracking-compare": Answer(skip="dont-know"),
            },
        ),
    ]


def tiny_team(
    tiny: Questionnaire, named: bool = False, agreed: str = "", reopened: bool = False
) -> Assessment:
    """The team's consolidated assessment on tiny. agreed='ci-gate' sets an agreed answer
    (Yes, with GATE_NOTE) there; reopened makes it one agreed on other answers than today's."""
    people = tiny_respondents(tiny)
    settled: dict[str, Agreed] = {}
    if agreed:
        first = consolidate(tiny, people, TEAM, ON, NOW)
        answer = pick_in(tiny, agreed, 2)
        settled[agreed] = agree(first.question(agreed), answer, GATE_NOTE, NOW)
        if reopened:
            settled[agreed] = settled[agreed].model_copy(
                update={"distribution": {"no": 2, "yes": 1}}
            )
    result = consolidate(tiny, people, TEAM, ON, NOW, agreed=settled)
    files = {f"2026-11-02-tiny-{n.lower()}.json": "0" * 64 for n in NAMES}
    team = result.recorded(labels(people, named), named, files, NOW)
    return team.model_copy(update={"status": "complete", "assessors": ["Facilitator"]})


def default_team(model: Questionnaire, respondents: int = 5, seed: int = 3) -> Assessment:
    """A team of respondents on a full-size model who agree on most questions and disagree on
    about one question in sixteen: each respondent starts from one sample team's answers and
    moves about a quarter of them one level (the same way for everyone, so they stay within one
    level), and on the disagreed questions the respondents spread over the whole scale; one
    respondent is anonymous and one answers 'don't know' on some of those. The widest
    disagreement is agreed with a note, the second was agreed on other answers (reopened)."""
    base = sample_assessments(model, 1, seed=seed, today=ON)[-1]
    rng = Random(seed)
    questions = [q for _, q in model.questions()]
    wide = {q.id for q in questions if rng.random() < 0.06 and len(q.choices) >= 3}
    # Elsewhere respondents differ by at most one level: each question leans one way.
    lean = {q.id: rng.choice((-1, 1)) for q in questions}
    people = []
    names = ["Ana Lima", "Ben Okafor", "Chen Wei", "Dara Singh", "Eli Moreau", "Femi Ade"]
    for r in range(respondents):
        answers: dict[str, Answer] = {}
        for q in questions:
            given = base.answers.get(q.id)
            if given is None or given.choice is None:
                if given is not None:
                    answers[q.id] = given
                continue
            index = next(i for i, c in enumerate(q.choices) if c.id == given.choice)
            if q.id in wide:
                index = [0, len(q.choices) - 1, index, 1, len(q.choices) - 2][r % 5]
            elif rng.random() < 0.25:
                index = max(0, min(len(q.choices) - 1, index + lean[q.id]))
            answers[q.id] = pick_in(model, q.id, index + 1)
            if r == 3 and q.id in wide and rng.random() < 0.5:
                answers[q.id] = Answer(skip="dont-know")
        person_ = person(model, names[r % len(names)], answers)
        if r == 2:
            person_ = person_.model_copy(update={"anonymous": True, "respondent": ""})
        people.append(person_)
    when = NOW + timedelta(days=1)
    first = consolidate(model, people, TEAM, ON, when, base=base)
    settled: dict[str, Agreed] = {}
    disagreements = first.disagreements
    if disagreements:
        widest = disagreements[0]
        settled[widest.question] = agree(
            widest,
            pick_in(model, widest.question, 2),
            "Two of five repositories still deploy by hand; agreed on the lower answer.",
            when,
        )
    if len(disagreements) > 1:
        second = disagreements[1]
        stale = agree(second, pick_in(model, second.question, 1), "Agreed last quarter.", when)
        settled[second.question] = stale.model_copy(update={"distribution": {"stale": 5}})
    result = consolidate(model, people, TEAM, ON, when, agreed=settled, base=base)
    files = {f"2026-11-02-{model.id}-{n}.json": "0" * 64 for n in range(respondents)}
    team = result.recorded(labels(people, named=True), True, files, when)
    return team.model_copy(update={"status": "complete", "assessors": ["M. Facilitator"]})
