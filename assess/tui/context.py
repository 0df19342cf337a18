"""What the command line hands the TUI: plain data and callables, no file formats.

The TUI never reads or writes files itself; `assess.cli` binds paths and loaders into these.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from assess.domain.assessment import Assessment
from assess.domain.questionnaire import Questionnaire

Save = Callable[[Assessment], None]
"""Writes the assessment to its file, atomically, before returning."""
ExportPdf = Callable[[Questionnaire, Assessment, Path], Path]
"""Renders the assessment's report to the given path; returns the path written."""


@dataclass(frozen=True)
class Opened:
    """An assessment ready to fill: the model it answers and where it is saved."""

    questionnaire: Questionnaire
    assessment: Assessment
    path: Path
    """The assessment's file (the PDF export is proposed beside it)."""
    save: Save
    warning: str | None = None
    """E.g. the questionnaire changed since the assessment was started."""


@dataclass(frozen=True)
class QuestionnaireEntry:
    """A questionnaire the user may pick, loaded only when picked."""

    id: str
    title: str
    load: Callable[[], Questionnaire]


@dataclass(frozen=True)
class InProgressEntry:
    """An unfinished assessment found in the assessments folder."""

    team: str
    date: date
    questionnaire: str
    answered: float
    """Share of the questionnaire's questions answered, 0 to 1."""
    open: Callable[[], Opened]


@dataclass(frozen=True)
class FillContext:
    """Everything `assess fill` gives the TUI."""

    questionnaires: Sequence[QuestionnaireEntry]
    """The questionnaires to choose from (empty when the start screen is skipped)."""
    preselected: str
    """The questionnaire id highlighted on the start screen."""
    in_progress: Sequence[InProgressEntry]
    latest_complete: Callable[[str, str], Assessment | None]
    """The latest complete assessment of (team, questionnaire id), to start a re-assessment."""
    create: Callable[[Questionnaire, Assessment], Opened]
    """Gives a new assessment a free file, saves it there and returns it opened."""
    now: Callable[[], datetime]
    export_pdf: ExportPdf | None = None
    """None until reports can be rendered: the TUI then offers no export."""
    team: str | None = None
    """Pre-fills the start screen's team field."""
    assessor: str | None = None
    """Pre-fills the start screen's assessor field."""
    opened: Opened | None = None
    """Skip the start screen and fill this one (--resume, or --team with --questionnaire)."""
