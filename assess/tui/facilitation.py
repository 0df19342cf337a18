"""A facilitator's session over a team's respondents: agreed answers, each saved at once.

Every change goes the same way: `consensus.agree` records the agreed answer with the
distribution it settles, the respondents are consolidated again with every agreed answer,
and the consolidated assessment with its record is handed to the save callable of the cli.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from assess.domain.answers import resolve
from assess.domain.assessment import Agreed, Answer, Assessment
from assess.domain.consensus import (
    DONT_KNOW,
    NOT_APPLICABLE,
    UNANSWERED,
    Consensus,
    QuestionConsensus,
    agree,
    consolidate,
    labels,
)
from assess.domain.questionnaire import Question, Questionnaire


@dataclass(frozen=True)
class FacilitateContext:
    """What `assess facilitate` (or the start screen) gives the facilitator's screen."""

    questionnaire: Questionnaire
    team: str
    respondents: Sequence[Assessment]
    """The respondents' assessments, in file order (their labels follow that order)."""
    files: Mapping[str, str]
    """File name -> SHA-256 of each respondent file, recorded with the consolidation."""
    save: Callable[[Assessment], Assessment]
    """Writes the team's consolidated assessment; returns what is on disk. Raises AssessError."""
    now: Callable[[], datetime]
    base: Assessment | None = None
    """The team's consolidated assessment so far (its agreed answers, targets, scope and date),
    or its latest own assessment (only its targets and scope are taken)."""
    named: bool = False
    """The team opted in to showing respondents' names."""
    close: Callable[[], None] = lambda: None
    """Lets go of the team's file when the screen is left for the start screen."""


@dataclass(frozen=True)
class Said:
    """One respondent's answer to a question, as the facilitator may see it."""

    label: str
    key: str
    """The distribution key: a choice id, 'dont-know', 'not-applicable' or 'unanswered'."""
    note: str
    evidence: str = ""


@dataclass
class Facilitation:
    context: FacilitateContext
    agreed: dict[str, Agreed] = field(init=False)
    consensus: Consensus = field(init=False)
    labels: list[str] = field(init=False)

    def __post_init__(self) -> None:
        base = self.context.base
        record = base.consolidation if base is not None else None
        self.agreed = dict(record.agreed) if record is not None else {}
        self.labels = labels(self.context.respondents, self.context.named)
        self.consensus = self._consolidate()
        self._questions = {q.id: q for _, q in self.context.questionnaire.questions()}

    def _consolidate(self) -> Consensus:
        context = self.context
        base = context.base
        # A consolidated assessment keeps its date (and file); a new one is dated today.
        kept = base is not None and base.consolidation is not None
        on = base.date if base is not None and kept else context.now().date()
        return consolidate(
            context.questionnaire,
            context.respondents,
            context.team,
            on,
            context.now(),
            agreed=self.agreed,
            base=context.base,
        )

    # What is shown ---------------------------------------------------------------------------

    def question(self, question_id: str) -> Question:
        return self._questions[question_id]

    def of(self, question_id: str) -> QuestionConsensus:
        return self.consensus.question(question_id)

    def discussed(self) -> list[str]:
        """What to talk about, in order: the disagreements, widest range first; then agreed
        answers of questions no longer in disagreement, reopened ones first."""
        flagged = [q.question for q in self.consensus.disagreements]
        settled = [q for q in self.consensus.questions if q.agreed is not None and not q.flagged]
        settled.sort(key=lambda q: not q.reopened)
        return flagged + [q.question for q in settled]

    def others(self) -> list[str]:
        """The other questions any respondent answered, in the model's order."""
        shown = set(self.discussed())
        return [
            q.question
            for q in self.consensus.questions
            if q.question not in shown and q.answered_by
        ]

    def said(self, question_id: str) -> list[Said]:
        question = self.question(question_id)
        result = []
        for name, respondent in zip(self.labels, self.context.respondents, strict=True):
            answer = respondent.answer(question_id)
            resolved = resolve(question, answer)
            if resolved.state == "chosen" and resolved.choice is not None:
                key = resolved.choice.id
            elif resolved.state == "dont-know":
                key = DONT_KNOW
            elif resolved.state == "not-applicable":
                key = NOT_APPLICABLE
            else:
                key = UNANSWERED
            result.append(Said(name, key, answer.note.strip(), answer.evidence.strip()))
        return result

    # Decisions ---------------------------------------------------------------------------------

    def set_answer(self, question_id: str, answer: Answer) -> None:
        """Agree on an answer (a choice or a skip), keeping the note agreed so far."""
        before = self.agreed.get(question_id)
        note = before.note if before is not None else ""
        self._decide(question_id, agree(self.of(question_id), answer, note, self.context.now()))

    def set_note(self, question_id: str, note: str) -> None:
        """Change the note of the agreed answer; there must be one."""
        before = self.agreed[question_id]
        self._decide(question_id, before.model_copy(update={"note": note.strip()}))

    def keep_median(self, question_id: str) -> None:
        """Drop the agreed answer: the lower median is the team's answer again."""
        self._decide(question_id, None)

    def _decide(self, question_id: str, agreed: Agreed | None) -> None:
        before = dict(self.agreed)
        if agreed is None:
            self.agreed.pop(question_id, None)
        else:
            self.agreed[question_id] = agreed
        consensus = self._consolidate()
        context = self.context
        recorded = consensus.recorded(self.labels, context.named, context.files, context.now())
        # As `assess consolidate` makes it: complete once every respondent finished; who ran
        # it and when it was started stay those of the team's assessment.
        done = all(r.status == "complete" for r in context.respondents)
        update: dict[str, object] = {"status": "complete" if done else "in-progress"}
        base = context.base
        if base is not None and base.consolidation is not None:
            update |= {
                "assessors": base.assessors,
                "created": base.created,
                "evidence_found": base.evidence_found,
            }
        recorded = recorded.model_copy(update=update)
        try:
            context.save(recorded)
        except Exception:
            self.agreed = before
            raise
        self.consensus = consensus
