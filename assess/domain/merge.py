"""Three-way merge of an assessment changed in two places since a common version.

Each answer and each target is one whole value: two sides that changed different questions are
combined; two sides that changed the same question differently are a conflict, never a silent
choice. Nothing here looks inside an answer, so the rule holds whatever fields an answer has.
"""

from collections.abc import Mapping
from typing import Any, TypeVar

from assess.domain.assessment import Assessment
from assess.errors import AssessError

V = TypeVar("V")
_PER_KEY = ("answers", "targets", "scoped_out")
_ABSENT: Any = object()


class MergeConflict(AssessError):
    """Both sides changed the same thing differently; `current` is the other side's version."""

    def __init__(self, message: str, current: Assessment, conflicts: list[str]) -> None:
        super().__init__(message)
        self.current = current
        self.conflicts = conflicts


def _pick(base: V, mine: V, theirs: V) -> tuple[V, bool]:
    """The merged value and whether the two sides conflict."""
    if mine in (base, theirs):
        return theirs, False
    if theirs == base:
        return mine, False
    return mine, True


def _merge_maps(
    base: Mapping[str, V], mine: Mapping[str, V], theirs: Mapping[str, V]
) -> tuple[dict[str, V], list[str]]:
    merged: dict[str, V] = {}
    conflicts = []
    for key in [*theirs, *(k for k in mine if k not in theirs)]:
        value, clash = _pick(
            base.get(key, _ABSENT), mine.get(key, _ABSENT), theirs.get(key, _ABSENT)
        )
        if clash:
            conflicts.append(key)
        if value is not _ABSENT:
            merged[key] = value
    return merged, conflicts


def merge(base: Assessment, mine: Assessment, theirs: Assessment) -> Assessment:
    """Mine and theirs, both changed from base, as one assessment.

    Raises MergeConflict naming every answer, target or field changed differently on both sides.
    """
    update: dict[str, Any] = {}
    conflicts: list[str] = []
    for name in type(mine).model_fields:
        if name == "updated":
            update[name] = max(mine.updated, theirs.updated)
        elif name in _PER_KEY:
            value, clashes = _merge_maps(
                getattr(base, name), getattr(mine, name), getattr(theirs, name)
            )
            update[name] = value
            what = {"answers": "the answer to", "targets": "the target of"}.get(
                name, "the scoping of"
            )
            conflicts += [f"{what} '{key}'" for key in clashes]
        else:
            value, clash = _pick(getattr(base, name), getattr(mine, name), getattr(theirs, name))
            update[name] = value
            if clash:
                conflicts.append(f"the field '{name}'")
    if conflicts:
        raise MergeConflict(
            "not saved: " + ", ".join(conflicts) + " changed elsewhere (another window or a hand "
            "edit) since this one read it; the other version is shown now",
            theirs,
            conflicts,
        )
    return mine.model_copy(update=update)
