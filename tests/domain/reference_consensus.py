"""Consolidation written plainly, one respondent and one Fraction at a time, for the property
tests of assess.domain.consensus (which counts shared answer objects and works on integers)."""

from dataclasses import dataclass
from fractions import Fraction

from assess.domain.answers import resolve, upgrade
from assess.domain.assessment import Assessment
from assess.domain.numbers import exact
from assess.domain.questionnaire import Choice, Question, Questionnaire
from assess.domain.scoring import score


@dataclass(frozen=True)
class Expected:
    distribution: dict[str, int]
    counted: int
    median: str | None
    """The choice id at the lower median, 'dont-know', or None."""
    low: Fraction | None
    high: Fraction | None
    iqr: Fraction | None
    flagged: bool


def quantile(ordered: list[Fraction], share: Fraction) -> Fraction:
    position = (len(ordered) - 1) * share
    below = int(position)
    if below + 1 >= len(ordered):
        return ordered[below]
    return ordered[below] + (ordered[below + 1] - ordered[below]) * (position - below)


def worth(choice: Choice, ml: bool) -> Fraction | None:
    value = choice.points if ml else choice.level
    return None if value is None else exact(value)


def expected_question(
    questionnaire: Questionnaire, question: Question, respondents: list[Assessment]
) -> Expected:
    ml = questionnaire.scoring == "ml-test-score"
    worths = [w for c in question.choices if (w := worth(c, ml)) is not None]
    unknown = min([*worths, Fraction(0) if ml else Fraction(1)])
    distribution: dict[str, int] = {}
    # (worth, don't know before a choice, the choice's place in the model, choice id)
    counted: list[tuple[Fraction, int, int, str]] = []
    for respondent in respondents:
        read = resolve(question, upgrade(respondent, questionnaire)[0].answer(question.id))
        if read.state == "chosen" and read.choice is not None:
            key = read.choice.id
            value = worth(read.choice, ml)
            if value is not None:
                first = next(i for i, c in enumerate(question.choices) if c.id == key)
                counted.append((value, 1, first, key))
        elif read.state == "dont-know":
            key = "dont-know"
            counted.append((unknown, 0, 0, key))
        elif read.state == "not-applicable":
            key = "not-applicable"
        else:
            key = "unanswered"
        distribution[key] = distribution.get(key, 0) + 1
    if not counted:
        return Expected(distribution, 0, None, None, None, None, False)
    counted.sort()
    ordered = [c[0] for c in counted]
    low, high = ordered[0], ordered[-1]
    if ml:
        flagged = bool(worths) and high - low >= max(worths) - min(worths) > 0
    else:
        flagged = high - low >= 2
    iqr = quantile(ordered, Fraction(3, 4)) - quantile(ordered, Fraction(1, 4))
    median = counted[(len(counted) - 1) // 2][3]
    return Expected(distribution, len(counted), median, low, high, iqr, flagged)


def expected_dimension_range(
    questionnaire: Questionnaire, dimension: str, respondents: list[Assessment]
) -> tuple[Fraction | None, Fraction | None]:
    scores = [
        s
        for r in respondents
        if (s := score(questionnaire, r).dimension(dimension).score) is not None
    ]
    return (min(scores), max(scores)) if scores else (None, None)
