"""Plausible sample assessments for trying the tool: teams with different profiles, some assessed
twice so that progress shows. Deterministic: the same seed and date give the same assessments."""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from assess.domain.answers import answer_for
from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.questionnaire import Question, Questionnaire


@dataclass(frozen=True)
class Profile:
    name: str
    """What kind of team this is."""
    levels: dict[str, float]
    """Typical maturity per area id (areas not named use 'other')."""
    uses_ml: bool = True


PROFILES = (
    Profile("platform team", {"devops": 4.0, "mlops": 2.0, "other": 3.5}, uses_ml=False),
    Profile("ML research group", {"devops": 1.8, "mlops": 2.6, "other": 2.5}),
    Profile("product team", {"devops": 3.0, "mlops": 1.8, "other": 2.8}),
    Profile("ML platform team", {"devops": 3.6, "mlops": 3.8, "other": 3.8}),
    Profile("legacy system team", {"devops": 1.6, "mlops": 1.2, "other": 1.8}, uses_ml=False),
    Profile("data science team", {"devops": 2.2, "mlops": 3.0, "other": 2.6}),
)
TEAM_NAMES = (
    "Payments",
    "Search Ranking",
    "Checkout",
    "Fraud Detection",
    "Identity",
    "Recommendations",
    "Data Platform",
    "Mobile",
    "Forecasting",
    "Billing",
    "Growth",
    "Logistics",
    "Pricing",
    "Customer Support ML",
    "Core API",
    "Risk Models",
    "Marketplace",
    "Observability",
    "Vision",
    "Notifications",
)
ASSESSORS = ("A. Rivera", "K. Osei", "M. Lindqvist", "S. Tanaka", "J. Novak")
NOTES = (
    "Confirmed in the pipeline configuration.",
    "Varies by service; answered for the main ones.",
    "Planned for next quarter.",
    "Partly manual: one person runs it before releases.",
)


def _team_names(count: int) -> list[str]:
    names = []
    for i in range(count):
        base = TEAM_NAMES[i % len(TEAM_NAMES)]
        names.append(base if i < len(TEAM_NAMES) else f"{base} {i // len(TEAM_NAMES) + 1}")
    return names


def _answer(
    question: Question, wanted: float, rng: random.Random, profile: Profile, area: str
) -> Answer:
    if question.allow_not_applicable and area == "mlops" and not profile.uses_ml:
        return Answer(skip="not-applicable", source="sample")
    if rng.random() < 0.04:
        return Answer(skip="dont-know", source="sample")
    aim = wanted + rng.gauss(0, 0.8)

    def distance(index: int) -> float:
        choice = question.choices[index]
        value = choice.level if choice.level is not None else 1 + 4 * (choice.points or 0)
        return abs(value - aim)

    best = min(range(len(question.choices)), key=distance)
    note = rng.choice(NOTES) if rng.random() < 0.2 else ""
    evidence = "See the team's runbook and pipeline dashboards." if rng.random() < 0.15 else ""
    chosen = answer_for(question, question.choices[best])
    return chosen.model_copy(update={"note": note, "evidence": evidence, "source": "sample"})


def _answers(
    questionnaire: Questionnaire,
    profile: Profile,
    shift: float,
    rng: random.Random,
    answered_share: float,
) -> dict[str, Answer]:
    answers = {}
    for area, dimension in questionnaire.dimensions():
        base = profile.levels.get(area.id, profile.levels["other"]) + rng.gauss(0, 0.5) + shift
        for question in dimension.questions:
            if rng.random() < answered_share:
                answers[question.id] = _answer(question, base, rng, profile, area.id)
    return answers


def sample_assessments(
    questionnaire: Questionnaire, teams: int, seed: int, today: date
) -> list[Assessment]:
    """teams sample teams; every third also has an assessment one quarter earlier."""
    rng = random.Random(seed)
    result = []
    for i, team in enumerate(_team_names(teams)):
        profile = PROFILES[rng.randrange(len(PROFILES))]
        assessors = [rng.choice(ASSESSORS)]
        dates = [today - timedelta(days=91), today] if i % 3 == 0 else [today]
        for n, day in enumerate(dates):
            latest = n == len(dates) - 1
            shift = 0.0 if latest else -0.6
            # One team in five is still filling in its latest assessment.
            share = 0.6 if latest and i % 5 == 4 else 1.0
            when = datetime.combine(day, time(10, 0), tzinfo=UTC)
            assessment = new_assessment(questionnaire, team, assessors, day, when)
            assessment = assessment.model_copy(
                update={
                    "answers": _answers(questionnaire, profile, shift, rng, share),
                    "status": "complete" if share == 1.0 else "in-progress",
                    "updated": when + timedelta(hours=2),
                }
            )
            result.append(assessment)
    return result


RESPONDENT_TEAM = "Streaming"
RESPONDENT_NAMES = ("Priya Raman", "Tomás Ortega", "Lea Fischer", "", "Wen Zhou")
"""The sample team answered by five members; the fourth chose to stay anonymous."""
DISAGREEMENT_SHARE = 0.05


def _level(question: Question, aim: float) -> Answer:
    def distance(index: int) -> float:
        choice = question.choices[index]
        value = choice.level if choice.level is not None else 1 + 4 * (choice.points or 0)
        return abs(value - aim)

    best = min(range(len(question.choices)), key=distance)
    return answer_for(question, question.choices[best]).model_copy(update={"source": "sample"})


def sample_respondents(questionnaire: Questionnaire, seed: int, today: date) -> list[Assessment]:
    """Five members of one team who answered on their own: they mostly agree, but on a few
    questions (about one in twenty) their answers span the whole ladder, as when half a team
    thinks every change is reviewed and the other half knows the hotfixes that are not."""
    rng = random.Random(f"respondents-{seed}")
    profile = PROFILES[2]  # a product team
    spreads = ((-1.6, -0.6, 0.4, 1.2, 1.6), (1.6, -1.6, 1.0, -0.8, 0.2))
    plan: dict[str, tuple[float, ...] | None] = {}
    bases: dict[str, float] = {}
    for area, dimension in questionnaire.dimensions():
        base = profile.levels.get(area.id, profile.levels["other"]) + rng.gauss(0, 0.5)
        for question in dimension.questions:
            bases[question.id] = base + rng.gauss(0, 0.3)
            wide = rng.random() < DISAGREEMENT_SHARE and len(question.choices) > 2
            plan[question.id] = spreads[rng.randrange(2)] if wide else None
    result = []
    for n, name in enumerate(RESPONDENT_NAMES):
        when = datetime.combine(today, time(9, 0), tzinfo=UTC) + timedelta(minutes=37 * n)
        member = new_assessment(questionnaire, RESPONDENT_TEAM, [], today, when)
        answers: dict[str, Answer] = {}
        for area, dimension in questionnaire.dimensions():
            for question in dimension.questions:
                if question.allow_not_applicable and area.id == "mlops" and not profile.uses_ml:
                    answers[question.id] = Answer(skip="not-applicable", source="sample")
                    continue
                spread = plan[question.id]
                offset = spread[n] if spread is not None else rng.gauss(0, 0.25)
                answers[question.id] = _level(question, bases[question.id] + offset)
        result.append(
            member.model_copy(
                update={
                    "respondent": name,
                    "anonymous": not name,
                    "answers": answers,
                    "status": "complete",
                    "updated": when + timedelta(minutes=25),
                }
            )
        )
    return result
