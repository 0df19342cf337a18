"""Snapshots of each screen, at the smallest supported terminal and a large one.

Deterministic: a fixed clock, the tiny model (or the bundled one for a long question), no file
paths on screen.
Update with `pytest tests/tui --snapshot-update` after a deliberate change, and look at the SVGs.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assess.tui.app import AssessApp
from tests.conftest import pick

from .conftest import ContextFactory

Snap = Callable[..., bool]
Size = tuple[int, int]


def tiny_only(app_context: Any) -> Any:
    """The start screen lists every questionnaire found: keep the picture to the tiny one."""
    return app_context._replace(
        questionnaires=[q for q in app_context.questionnaires if q.id == "tiny"]
    )


def test_start_screen(
    snap_compare: Snap, make_context: ContextFactory, saved: Callable[..., Path]
) -> None:
    saved(team="Search", answers={"ci-builds": pick("ci-builds", 1)})
    app = AssessApp(tiny_only(make_context(questionnaire="tiny")))
    assert snap_compare(app, terminal_size=(80, 24))


def answered_some(make_context: ContextFactory) -> AssessApp:
    return AssessApp(make_context(team="Payments", assessor="Ana", questionnaire="tiny"))


# ci-builds answered "Some", then back to it to add a note: the picture shows both.
KEYS = ("2", "left", "e", *"two repos left", "escape")


def test_question_80x24(snap_compare: Snap, make_context: ContextFactory) -> None:
    assert snap_compare(answered_some(make_context), press=KEYS, terminal_size=(80, 24))


def test_question_160x50(snap_compare: Snap, make_context: ContextFactory) -> None:
    assert snap_compare(answered_some(make_context), press=KEYS, terminal_size=(160, 50))


# "What must pass before a change can be merged": long answers; End highlights "Don't know",
# which must be on screen.
LONG = ("right", "right", "end")
SIZES = [(80, 24), (160, 50)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_long_question(snap_compare: Snap, make_context: ContextFactory, size: Size) -> None:
    app = AssessApp(make_context(team="Payments", questionnaire="devops-mlops"))
    assert snap_compare(app, press=LONG, terminal_size=size)


REVIEW_KEYS = (*KEYS, "right", "2", "n", "r", "plus")


@pytest.mark.parametrize("size", [(100, 30), *SIZES], ids=["100x30", "80x24", "160x50"])
def test_review_screen(snap_compare: Snap, make_context: ContextFactory, size: Size) -> None:
    assert snap_compare(answered_some(make_context), press=REVIEW_KEYS, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_help_screen(snap_compare: Snap, make_context: ContextFactory, size: Size) -> None:
    assert snap_compare(answered_some(make_context), press=("f1",), terminal_size=size)
