"""Rule checks on the readable parts of a model whose shape failed, at their original places."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from assess.domain.questionnaire import Questionnaire
from assess.files.salvage import rule_problems

TINY = Path(__file__).parent.parent / "data" / "tiny.yaml"
CHOICES = ("areas", 0, "dimensions", 0, "questions", 0, "choices")


def _tiny() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TINY.read_text())
    return data


def _rules(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        Questionnaire.model_validate(data)
    return rule_problems(Questionnaire, data, caught.value)


def test_a_rule_problem_after_a_left_out_item_keeps_its_original_index() -> None:
    data = _tiny()
    choices = data["areas"][0]["dimensions"][0]["questions"][0]["choices"]
    choices[0]["level"] = "one"  # shape error: choice 0 is left out for the rule checks
    choices[2]["level"] = 9  # rule error: would be choice 1 once choice 0 is left out
    assert _rules(data) == [((*CHOICES, 2, "level"), "level 9 is outside levels 1-5")]


def test_an_unknown_field_does_not_hide_the_rules_of_its_item() -> None:
    data = _tiny()
    dimension = data["areas"][0]["dimensions"][0]
    dimension["wieght"] = 2
    dimension["target"] = 6
    assert _rules(data) == [
        (("areas", 0, "dimensions", 0, "target"), "target 6 is outside levels 1-5")
    ]


def test_a_rule_problem_where_the_shape_already_failed_is_not_repeated() -> None:
    data = _tiny()
    data["areas"][0]["dimensions"][0]["questions"][0]["choices"][1]["level"] = "three"
    # Left out, choice 1 would also read as "needs a level": only the shape error stands.
    assert _rules(data) == []


def test_a_broken_ladder_stops_the_rule_checks() -> None:
    data = _tiny()
    data["levels"][1]["level"] = "two"
    data["areas"][0]["dimensions"][0]["target"] = 6
    assert _rules(data) == []
