"""`assess fill`: the terminal questionnaire, wired to the assessment files."""

import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from assess import collector
from assess.cli.app import cli, fill_options, say, warn
from assess.cli.report import export_pdf
from assess.errors import AssessError

if TYPE_CHECKING:
    from assess.domain.assessment import Assessment
    from assess.domain.questionnaire import Questionnaire
    from assess.files.store import AssessmentStore
    from assess.tui.context import FillContext, Opened


class _Listed(NamedTuple):
    """What the start screen needs of one assessment file."""

    path: Path
    team: str
    date: date
    questionnaire: str
    status: str
    updated: datetime
    answered: int
    consolidated: bool
    """Made from the team's respondents: facilitated, not filled in."""

    @classmethod
    def of(cls, path: Path, a: "Assessment") -> "_Listed":
        answered = sum(1 for x in a.answers.values() if x.is_answered)
        return cls(
            path,
            a.team,
            a.date,
            a.questionnaire,
            a.status,
            a.updated,
            answered,
            a.consolidation is not None,
        )


def desktop_opener() -> "Callable[[Path], None] | None":
    """Opens a file in the desktop's viewer, or None where there is no desktop to show it.

    Without a display, xdg-open falls back to a text browser that would take over the
    terminal the questionnaire is drawn in."""
    import os
    import shutil
    import subprocess

    if sys.platform == "darwin":
        command = ["open"]
    elif sys.platform == "win32":
        command = ["explorer"]
    elif (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and shutil.which(
        "xdg-open"
    ):
        command = ["xdg-open"]
    else:
        return None

    def open_file(path: Path) -> None:
        subprocess.Popen(
            [*command, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    return open_file


def fill_context(
    dirs: list[Path],
    questionnaire_ref: str | None,
    team: str | None,
    assessor: str | None,
    resume: Path | None,
    root: Path,
    now: "Callable[[], datetime] | None" = None,
    stores: "list[AssessmentStore] | None" = None,
    respondent: str | None = None,
    anonymous: bool = False,
) -> "FillContext":
    """Everything the terminal questionnaire needs, as plain data and callables bound to files.

    `now` is the clock (tests pass a fixed one); by default local time to the second. Every
    assessment file opened is appended to `stores`, for the caller to close. With `respondent`
    (a name) or `anonymous`, one member of `team` answers in their own respondent file."""
    from functools import cache, partial

    from assess.domain.answers import read_against
    from assess.domain.assessment import normal_team
    from assess.files.assessments import load_assessment, scan
    from assess.files.questionnaires import (
        DEFAULT_ID,
        discover,
        load_questionnaire,
        resolve,
        resolve_version,
    )
    from assess.files.respondents import respondent_path
    from assess.files.store import AssessmentStore, remove_orphans
    from assess.tui.begin import begin
    from assess.tui.context import FillContext, InProgressEntry, Opened, QuestionnaireEntry

    @cache
    def load(path: Path) -> "Questionnaire":
        # The questionnaire screens never scan, so the detection rules are not read.
        return load_questionnaire(path, rules=False)

    held = [] if stores is None else stores

    def opened(store: AssessmentStore, questionnaire: "Questionnaire") -> Opened:
        held.append(store)
        # A format-1 file is read as of its own model once, before anything is shown.
        assessment, warning = read_against(store.assessment, questionnaire)
        store.adopt(assessment)
        return Opened(questionnaire, store, warning)

    def open_file(path: Path) -> Opened:
        store = AssessmentStore.open(path)
        assessment = store.assessment
        try:
            # An assessment continues on the version it was started on (archived if need be).
            model = resolve_version(
                assessment.questionnaire, assessment.questionnaire_version, dirs
            )
            questionnaire = load(model)
        except AssessError:
            store.close()
            raise
        return opened(store, questionnaire)

    def create(questionnaire: "Questionnaire", assessment: "Assessment") -> Opened:
        return opened(AssessmentStore.new(root, assessment), questionnaire)

    def local_now() -> datetime:
        return datetime.now().astimezone().replace(microsecond=0)

    for leftover in remove_orphans(root):
        warn(f"removed {leftover.name}, left behind by an interrupted write")
    # Only what the start screen shows is kept of each file, so that a folder of thousands of
    # teams does not hold every answer; the one assessment a new one starts from is read again.
    found: list[_Listed] = []
    damaged: list[str] = []
    for path, result in scan(root):
        if isinstance(result, AssessError):
            problems = result.message.splitlines()
            more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
            damaged.append(problems[0] + more)
        else:
            found.append(_Listed.of(path, result))

    def latest_complete(team: str, questionnaire_id: str) -> "Assessment | None":
        team = normal_team(team.strip())
        done = [
            a
            for a in found
            if a.team == team and a.questionnaire == questionnaire_id and a.status == "complete"
        ]
        latest = max(done, key=lambda a: (a.date, a.updated), default=None)
        if latest is None:
            return None
        try:
            previous = load_assessment(latest.path)
        except AssessError:  # damaged since the folder was listed: nothing to start from
            return None
        current = load(resolve(questionnaire_id, dirs))
        if previous.questionnaire_version == current.version:
            return previous
        # Answered on an earlier version: carry over only what the model's mapping keeps.
        from assess.domain.versions import translate

        earlier = resolve_version(questionnaire_id, previous.questionnaire_version, dirs)
        translated = translate(previous, load(earlier), current)
        if translated is None:
            warn(
                f"the latest assessment of {previous.team} was made on version "
                f"{previous.questionnaire_version} of '{questionnaire_id}', which this version "
                "does not map; starting blank"
            )
            return None
        if translated.changed:
            warn(
                f"{len(translated.changed)} answers from version "
                f"{previous.questionnaire_version} no longer fit their question; they are "
                "carried as given and flagged until answered again: "
                + ", ".join(translated.changed)
            )
        return translated.assessment

    chosen = None
    if questionnaire_ref is not None:
        path = resolve(questionnaire_ref, dirs)
        q = load(path)
        chosen = QuestionnaireEntry(q.id, q.title, partial(load, path))
    context = FillContext(
        questionnaires=[],
        preselected=chosen.id if chosen else DEFAULT_ID,
        in_progress=[],
        damaged=damaged,
        latest_complete=latest_complete,
        create=create,
        now=now or local_now,
        export_pdf=export_pdf,
        open_file=desktop_opener(),
        team=team,
        assessor=assessor,
    )
    if resume is not None:
        return context._replace(opened=open_file(resume))
    if respondent is not None or anonymous:
        entry = chosen
        if entry is None:
            default = resolve(DEFAULT_ID, dirs)
            entry = QuestionnaireEntry(DEFAULT_ID, "", partial(load, default))
        return context._replace(
            opened=_as_respondent(
                root,
                entry.load(),
                team,
                respondent,
                anonymous,
                assessor,
                context.now(),
                open_file,
                lambda q, a: opened(AssessmentStore.new(root, a, respondent_path), q),
            ),
        )
    unfinished = team is not None and any(
        a.team == normal_team(team.strip())
        and chosen is not None
        and a.questionnaire == chosen.id
        and a.status == "in-progress"
        and not a.consolidated
        for a in found
    )
    if team and chosen and not unfinished:  # else the start screen offers to continue it
        return context._replace(opened=begin(context, chosen, team, assessor or "", prefill=True))

    entries = [chosen] if chosen else []
    for source in discover(dirs):
        try:
            q = load(source.path)
        except AssessError as error:
            warn(f"skipped a broken questionnaire: {error.message.splitlines()[0]}")
            continue
        if chosen is None or q.id != chosen.id:
            entries.append(QuestionnaireEntry(q.id, q.title, partial(load, source.path)))
    totals = {entry.id: sum(1 for _ in entry.load().questions()) for entry in entries}
    in_progress = [
        InProgressEntry(
            a.team,
            a.date,
            a.questionnaire,
            # Answers to questions the model has since dropped are kept in the file: cap at 1.
            min(1.0, a.answered / totals[a.questionnaire]),
            partial(open_file, a.path),
        )
        for a in sorted(found, key=lambda item: item.updated, reverse=True)
        if a.status == "in-progress" and not a.consolidated and a.questionnaire in totals
    ]
    from assess.cli.facilitate import with_respondents

    def respond(entry: QuestionnaireEntry, team: str, name: str, anonymous: bool) -> Opened:
        """The start screen's 'answer as a respondent', as `--respondent`/`--anonymous` do."""
        return _as_respondent(
            root,
            entry.load(),
            team,
            name,
            anonymous,
            assessor,
            local(),
            open_file,
            lambda q, a: opened(AssessmentStore.new(root, a, respondent_path), q),
        )

    local = now or local_now
    context = context._replace(questionnaires=entries, in_progress=in_progress)
    return with_respondents(context, root, dirs, held, respond)


def _as_respondent(
    root: Path,
    questionnaire: "Questionnaire",
    team: str | None,
    name: str | None,
    anonymous: bool,
    assessor: str | None,
    now: datetime,
    open_file: "Callable[[Path], Opened]",
    create: "Callable[[Questionnaire, Assessment], Opened]",
) -> "Opened":
    """A respondent's own file: the one they left unfinished (or finished today) on this
    model, else a new one beside the team's assessment."""
    from assess.domain.assessment import new_assessment, normal_team
    from assess.files.respondents import team_respondents

    name = (name or "").strip()
    if not team or not team.strip():
        raise AssessError("a respondent answers for a team: give --team as well")
    if anonymous and name:
        raise AssessError("give either --respondent NAME or --anonymous, not both")
    if not anonymous and not name:
        raise AssessError("--respondent needs a name (or answer with --anonymous)")
    team = normal_team(team.strip())
    if not anonymous:
        try:
            mine = [
                (path, r)
                for path, r in team_respondents(root, team)
                if r.respondent == name and not r.anonymous and r.questionnaire == questionnaire.id
            ]
        except AssessError as error:
            warn(f"{error.message.splitlines()[0]}; starting a new respondent file")
            mine = []
        if mine:
            path, latest = max(mine, key=lambda item: (item[1].date, item[1].updated))
            if latest.status == "in-progress" or latest.date == now.date():
                return open_file(path)
    assessors = [assessor.strip()] if assessor and assessor.strip() else []
    fresh = new_assessment(questionnaire, team, assessors, now.date(), now)
    return create(
        questionnaire, fresh.model_copy(update={"respondent": name, "anonymous": anonymous})
    )


@cli.command()
@fill_options
def fill(
    questionnaire_dirs: tuple[Path, ...],
    questionnaire_ref: str | None,
    team: str | None,
    assessor: str | None,
    resume: Path | None,
    root: Path | None,
    respondent: str | None,
    anonymous: bool | None,
) -> None:
    """Fill in a questionnaire in the terminal; every answer is saved at once.

    With --team and --respondent NAME (or --anonymous) one member answers in their own file,
    beside the team's assessment; `assess consolidate` then makes the team's answers."""
    # Until the first screen is painted (the app resumes it then), or the command ends.
    collector.pause()
    stores: list[AssessmentStore] = []
    try:
        from assess.files.assessments import default_root

        context = fill_context(
            list(questionnaire_dirs),
            questionnaire_ref,
            team,
            assessor,
            resume,
            root or default_root(),
            stores=stores,
            respondent=respondent,
            anonymous=bool(anonymous),
        )
        from assess.tui.app import AssessApp  # textual: only for this command

        app = AssessApp(context)
        outcome = app.run()
    finally:
        collector.resume()
        for store in stores:
            store.close()
    if app.return_code:
        sys.exit(app.return_code)
    if outcome is None:
        return
    if not outcome.written:
        say("nothing saved: no answer was given")
        return
    if outcome.failed:
        say(f"not saved: the last change could not be written to {outcome.path}")
        sys.exit(1)
    finished = outcome.assessment.status == "complete"
    answered = sum(1 for a in outcome.assessment.answers.values() if a.is_answered)
    say(f"saved {outcome.path} ({'complete' if finished else f'{answered} answers'})")
    mine = outcome.assessment
    if finished and (mine.respondent or mine.anonymous):
        import shlex

        say(f"when everyone has answered: assess consolidate --team {shlex.quote(mine.team)}")
    elif finished:
        say(f"see the scores: assess score {outcome.path}")
    else:
        say(f"continue with: assess fill --resume {outcome.path}")
