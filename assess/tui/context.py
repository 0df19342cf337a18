"""What the command line hands the TUI: plain data and callables, no file formats.

The TUI never reads or writes files itself; `assess.cli` binds paths and loaders into these.
"""

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from assess.domain.assessment import Assessment
from assess.domain.questionnaire import Questionnaire

if TYPE_CHECKING:  # imported when the facilitator's screen is shown, not at start-up
    from assess.tui.facilitation import FacilitateContext

ExportPdf = Callable[[Questionnaire, Assessment, Path, bool], Path]
"""Renders the assessment's report to the given path; returns the path written. Refuses to write
over data; raises OutputExists for an existing file unless the last argument (replace) is True."""
OpenFile = Callable[[Path], None]
"""Opens a written report in the desktop's viewer, without waiting for it."""


class Store(Protocol):
    """An assessment's file held open (built by `assess.cli`; the TUI sees only this)."""

    @property
    def path(self) -> Path:
        """Where the assessment is (or will be, until the first answer creates the file)."""

    @property
    def assessment(self) -> Assessment:
        """The assessment as last read or written."""

    @property
    def exists(self) -> bool:
        """False until the first save creates the file."""

    @property
    def held_by(self) -> str | None:
        """Who else has the file open; while set, every save is refused (read-only)."""

    @property
    def failed(self) -> bool:
        """The last save failed."""

    def save(self, assessment: Assessment) -> Assessment:
        """Writes the assessment, merged with changes made elsewhere, and returns what is on
        disk now; raises AssessError (MergeConflict when the same answer changed elsewhere)."""

    def take_over(self) -> None:
        """Become the writer although another window has the file open."""

    def close(self) -> None:
        """Let go of the file (other windows may then write)."""


class Opened(NamedTuple):
    """An assessment ready to fill: the model it answers and the file that holds it."""

    questionnaire: Questionnaire
    store: Store
    warning: str | None = None
    """E.g. the questionnaire changed since the assessment was started."""

    @property
    def assessment(self) -> Assessment:
        return self.store.assessment

    @property
    def path(self) -> Path:
        """The assessment's file (the PDF export is proposed beside it)."""
        return self.store.path


class QuestionnaireEntry(NamedTuple):
    """A questionnaire the user may pick, loaded only when picked."""

    id: str
    title: str
    load: Callable[[], Questionnaire]


class InProgressEntry(NamedTuple):
    """An unfinished assessment found in the assessments folder."""

    team: str
    date: date
    questionnaire: str
    answered: float
    """Share of the questionnaire's questions answered, 0 to 1."""
    open: Callable[[], Opened]


class FillContext(NamedTuple):
    """Everything `assess fill` gives the TUI."""

    questionnaires: Sequence[QuestionnaireEntry]
    """The questionnaires to choose from (empty when the start screen is skipped)."""
    preselected: str
    """The questionnaire id highlighted on the start screen."""
    in_progress: Sequence[InProgressEntry]
    damaged: Sequence[str]
    """One line per assessment file left out because it could not be read: name and reason."""
    latest_complete: Callable[[str, str], Assessment | None]
    """The latest complete assessment of (team, questionnaire id), to start a re-assessment."""
    create: Callable[[Questionnaire, Assessment], Opened]
    """Opens a new assessment; its file is created at the first answer."""
    now: Callable[[], datetime]
    export_pdf: ExportPdf | None = None
    """None until reports can be rendered: the TUI then offers no export."""
    open_file: OpenFile | None = None
    """None where no desktop viewer can be started (e.g. over SSH): not offered then."""
    team: str | None = None
    """Pre-fills the start screen's team field."""
    assessor: str | None = None
    """Pre-fills the start screen's assessor field."""
    opened: Opened | None = None
    """Skip the start screen and fill this one (--resume, or --team with --questionnaire)."""
    respondents_of: Callable[[str, str], Sequence[str]] | None = None
    """Labels (as they may be shown) of the respondents of (team, questionnaire id) who have
    answered; None where respondents are not offered."""
    answer_as_respondent: Callable[[QuestionnaireEntry, str, str, bool], Opened] | None = None
    """Opens a new respondent file of (questionnaire, team, name, anonymous)."""
    facilitate: "Callable[[str, str], FacilitateContext] | None" = None
    """The facilitator's session over the respondents of (team, questionnaire id)."""
