"""Snapshots of each screen, at the smallest supported terminal and a large one.

Deterministic: a fixed clock, the tiny model only, no file paths on screen.
Update with `pytest tests/tui --snapshot-update` after a deliberate change, and look at the SVGs.
"""

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from assess.tui.app import AssessApp
from tests.conftest import pick

from .conftest import ContextFactory

Snap = Callable[..., bool]


def tiny_only(app_context: Any) -> Any:
    """The start screen lists every questionnaire found: keep the picture to the tiny one."""
    return replace(
        app_context, questionnaires=[q for q in app_context.questionnaires if q.id == "tiny"]
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


def test_review_screen(snap_compare: Snap, make_context: ContextFactory) -> None:
    keys = (*KEYS, "right", "2", "n", "r", "plus")
    assert snap_compare(answered_some(make_context), press=keys, terminal_size=(100, 30))
