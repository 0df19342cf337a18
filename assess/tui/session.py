"""The assessment being filled in: every change is saved before the method returns.

Plain Python (no Textual), so screens and widgets share one source of truth and the rule
"on disk before the next key" lives in one place.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assess.domain.answers import answer_for, resolve
from assess.domain.assessment import Answer, Assessment, Skip
from assess.domain.claims import (
    SCAN_SOURCE,
    Claim,
    backed_by_evidence,
    claim_for,
    claims_to_check,
    suggestion,
)
from assess.domain.evidence import Finding
from assess.domain.merge import MergeConflict
from assess.domain.questionnaire import (
    Area,
    Dimension,
    Question,
    Questionnaire,
    ScopeOut,
    scoped_out_by,
)
from assess.tui.context import Opened, Store

if TYPE_CHECKING:
    from assess.domain.scoring import Scorecard


@dataclass(frozen=True)
class Position:
    """One question in questionnaire order."""

    index: int
    area: Area
    dimension: Dimension
    question: Question


class Session:
    """One open assessment: the questionnaire, the current answers, and how to save them."""

    def __init__(self, opened: Opened, now: Callable[[], datetime]) -> None:
        self.questionnaire: Questionnaire = opened.questionnaire
        self.store: Store = opened.store
        self.assessment: Assessment = opened.store.assessment
        self._now = now
        self.positions: list[Position] = [
            Position(i, area, dimension, question)
            for i, (area, dimension, question) in enumerate(
                (area, dimension, question)
                for area, dimension in self.questionnaire.dimensions()
                for question in dimension.questions
            )
        ]
        # The sidebar asks after each dimension's questions: found once, not by a walk through
        # every question per dimension.
        self._of_dimension: dict[str, list[Position]] = {}
        for position in self.positions:
            self._of_dimension.setdefault(position.dimension.id, []).append(position)

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def read_only(self) -> bool:
        return self.store.held_by is not None

    def _commit(self, changed: Assessment) -> None:
        # Save first: if the write fails, the screen keeps showing what is really on disk.
        try:
            saved = self.store.save(changed)
        except MergeConflict as conflict:
            self.assessment = conflict.current  # the other window's version, as on disk
            raise
        # Changes made elsewhere to other questions are merged in: show them too.
        self.assessment = saved

    # Changes -----------------------------------------------------------------------------------

    def _update(self, question_id: str, **fields: object) -> None:
        current = self.assessment.answer(question_id)
        changed = current.model_copy(update=fields)
        if changed != current:
            # Validate the new combination (a choice or a skip, not both).
            answer = Answer.model_validate(changed.model_dump())
            self._commit(self.assessment.with_answer(question_id, answer, self._now()))

    def choose(self, question_id: str, choice: int) -> None:
        """Record choice number `choice` (from 1); confirms a carried-over answer too."""
        question = self._question(question_id)
        current = self.answer(question_id)
        picked = question.choices[choice - 1]
        resolved = resolve(question, current)
        if current.confirmed and resolved.state == "chosen" and resolved.choice == picked:
            return  # chosen again as it stands: it keeps its source (e.g. the scan)
        chosen = answer_for(question, picked, current)
        if chosen != current:
            self._commit(self.assessment.with_answer(question_id, chosen, self._now()))

    def accept_found(self, question_id: str) -> bool:
        """Take the choice the scan suggests, with the scan as its source (confirmed); False
        when the findings suggest no choice of this question."""
        question = self._question(question_id)
        number = self.suggested(question)
        if number is None:
            return False
        current = self.answer(question_id)
        taken = answer_for(question, question.choices[number - 1], current)
        taken = taken.model_copy(update={"source": SCAN_SOURCE})
        if taken != current:
            self._commit(self.assessment.with_answer(question_id, taken, self._now()))
        return True

    def skip(self, question_id: str, skip: Skip) -> None:
        self._update(
            question_id,
            choice=None,
            text="",
            level=None,
            points=None,
            position=None,
            skip=skip,
            source="",
            confirmed=True,
        )

    def _question(self, question_id: str) -> Question:
        return next(p.question for p in self.positions if p.question.id == question_id)

    def note(self, question_id: str, text: str) -> None:
        self._update(question_id, note=text)

    def evidence(self, question_id: str, text: str) -> None:
        self._update(question_id, evidence=text)

    def set_target(self, dimension_id: str, level: int) -> None:
        level = min(max(level, 1), self.questionnaire.top_level)
        if level != self.target(dimension_id):
            self._commit(self.assessment.with_target(dimension_id, level, self._now()))

    def scope_out(self, scope_id: str, reason: str) -> None:
        """Declare an area or dimension not applicable, with the reason given."""
        self._commit(self.assessment.with_scoped_out(scope_id, reason, self._now()))

    def scope_in(self, scope_id: str) -> None:
        """Undo a scope-out; answers given before it come back."""
        if scope_id in self.assessment.scoped_out:
            self._commit(self.assessment.without_scoped_out(scope_id, self._now()))

    def scope_of(self, position: Position) -> tuple[str, str, ScopeOut] | None:
        """What the question at `position` may be scoped out with: (id, title, scope_out), the
        dimension's own scope before its area's."""
        if position.dimension.scope_out is not None:
            return position.dimension.id, position.dimension.title, position.dimension.scope_out
        if position.area.scope_out is not None:
            return position.area.id, position.area.title, position.area.scope_out
        return None

    def is_scoped_out(self, position: Position) -> bool:
        return bool(scoped_out_by(position.area, position.dimension, self.assessment.scoped_out))

    def scoped_out(self) -> list[tuple[str, str, str]]:
        """(id, title, reason) of what is scoped out, in model order."""
        titles = {a.id: a.title for a in self.questionnaire.areas}
        titles |= {d.id: d.title for _, d in self.questionnaire.dimensions()}
        scopeable = self.questionnaire.scopeable()
        return [
            (scope_id, titles[scope_id], self.assessment.scoped_out[scope_id])
            for scope_id in scopeable
            if scope_id in self.assessment.scoped_out
        ]

    def confirm(self, question_ids: list[str]) -> None:
        """Keep these carried-over answers as they are: one write for all of them."""
        changed = self.assessment
        now = self._now()
        for question_id in question_ids:
            answer = changed.answer(question_id)
            if not answer.confirmed:
                changed = changed.with_answer(
                    question_id, answer.model_copy(update={"source": "", "confirmed": True}), now
                )
        if changed is not self.assessment:
            self._commit(changed)

    def finish(self) -> None:
        self._commit(self.assessment.with_status("complete", self._now()))

    # Questions about the state ----------------------------------------------------------------

    def answer(self, question_id: str) -> Answer:
        return self.assessment.answer(question_id)

    def is_answered(self, position: Position) -> bool:
        """Answered (and not changed under by the model), or out of scope: either way nothing
        is left to answer there."""
        if self.is_scoped_out(position):
            return True
        answer = self.answer(position.question.id)
        return answer.is_answered and resolve(position.question, answer).state != "changed"

    def is_changed(self, position: Position) -> bool:
        """Answered on a model whose choice was since removed, reworded or given another
        level: open until a person chooses again (never kept in bulk)."""
        answer = self.answer(position.question.id)
        return (
            answer.is_answered
            and not self.is_scoped_out(position)
            and resolve(position.question, answer).state == "changed"
        )

    def why_changed(self, position: Position) -> str:
        return resolve(position.question, self.answer(position.question.id)).reason

    def target(self, dimension_id: str) -> int:
        default = self.dimension(dimension_id).target
        target = self.assessment.targets.get(dimension_id, default)
        return min(max(target, 1), self.questionnaire.top_level)

    def scorecard(self) -> "Scorecard":
        # Imported here: the scoring models are needed only on the review screen, and each
        # pydantic model costs start-up time.
        from assess.domain.scoring import score

        return score(self.questionnaire, self.assessment)

    def progress(self, dimension: Dimension | None = None) -> tuple[int, int]:
        """(answered, total) for one dimension or the whole questionnaire."""
        positions = (
            self.positions if dimension is None else self._of_dimension.get(dimension.id, [])
        )
        return sum(1 for p in positions if self.is_answered(p)), len(positions)

    def dimension(self, dimension_id: str) -> Dimension:
        return self._of_dimension[dimension_id][0].dimension

    def first_of(self, dimension_id: str) -> int:
        return self._of_dimension[dimension_id][0].index

    def describe(self, position: Position) -> str:
        """The answer given, in words, e.g. 'Some' or 'Not applicable'."""
        answer = self.answer(position.question.id)
        if answer.skip is not None:
            return "Not applicable" if answer.skip == "not-applicable" else "Don't know"
        if answer.choice is None:
            return "unanswered"
        resolved = resolve(position.question, answer)
        return resolved.choice.text if resolved.choice is not None else answer.text

    def findings(self, question_id: str) -> list[Finding]:
        """What the last scan of the team's repositories found for the question."""
        return self.assessment.evidence_found.get(question_id, [])

    def suggested(self, question: Question) -> int | None:
        """The number (from 1) of the choice the scan's findings suggest together, or None."""
        chosen = suggestion(self.findings(question.id))
        ids = [c.id for c in question.choices]
        return ids.index(chosen) + 1 if chosen in ids else None

    def claim(self, position: Position) -> Claim | None:
        """How the answer differs from what the scan suggests (as in the report's 'Claims to
        check'), or None when it does not."""
        if not self.assessment.evidence_found:
            return None
        return claim_for(position.question, self.assessment)

    def claims_in(self, dimension_id: str) -> int:
        """How many answers of the dimension differ from what the scan suggests."""
        if not self.assessment.evidence_found:
            return 0
        return sum(1 for p in self.in_dimension(dimension_id) if self.claim(p) is not None)

    def scan_counts(self) -> tuple[int, int] | None:
        """(answers backed by the scan's evidence, answers that differ from it), as the reports
        count them; None when the assessment holds no scan."""
        if not self.assessment.evidence_found:
            return None
        backed = backed_by_evidence(self.questionnaire, self.assessment)
        return backed, len(claims_to_check(self.questionnaire, self.assessment))

    def is_unconfirmed(self, position: Position) -> bool:
        """Carried over from an earlier assessment and not confirmed or changed since (an
        answer the model changed under counts as changed, not as unconfirmed)."""
        answer = self.answer(position.question.id)
        return answer.is_answered and not answer.confirmed and self.is_answered(position)

    def is_open(self, position: Position) -> bool:
        """Still needs a person: unanswered, changed under by the model, or carried over and
        not confirmed."""
        return not self.is_answered(position) or self.is_unconfirmed(position)

    def next_open(self, start: int = 0) -> int | None:
        """The first open question from `start` on (itself included), wrapping round; None when
        nothing is open."""
        count = len(self.positions)
        for step in range(count):
            index = (start + step) % count
            if self.is_open(self.positions[index]):
                return index
        return None

    def first_open_of(self, dimension_id: str) -> int:
        """Where a jump to the dimension lands: its first open question, else its first."""
        for position in self.in_dimension(dimension_id):
            if self.is_open(position):
                return position.index
        return self.first_of(dimension_id)

    def in_dimension(self, dimension_id: str) -> list[Position]:
        return list(self._of_dimension.get(dimension_id, ()))

    def unconfirmed_in(self, dimension_id: str) -> list[Position]:
        """Carried-over answers that can be kept as they are (a changed one is chosen again)."""
        return [p for p in self.in_dimension(dimension_id) if self.is_unconfirmed(p)]

    def changed_in(self, dimension_id: str) -> list[Position]:
        """Answers of the dimension the model changed under: each needs a choice of its own."""
        return [p for p in self.in_dimension(dimension_id) if self.is_changed(p)]

    def changed(self) -> list[Position]:
        return [p for p in self.positions if self.is_changed(p)]

    def carried_over(self) -> int:
        """Answers taken from an earlier assessment and not confirmed or changed since."""
        return sum(1 for p in self.positions if self.is_unconfirmed(p))

    def unanswered(self) -> list[Position]:
        """Questions without an answer (not those the model changed under: see changed)."""
        return [p for p in self.positions if not self.is_answered(p) and not self.is_changed(p)]
