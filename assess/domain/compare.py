"""Compare teams: a heat map of teams x dimensions, the organisation's spread, common gaps, who is
strong where, and each team's progress between its first and latest assessment.

Pure: assessments and their questionnaire in, a Comparison out. The organisation's figures
(medians, spread, common gaps, strengths) always use each team's latest assessment, so that a team
assessed four times does not count four times; `all_dates` only adds the history to the rows.

The assessments may come one at a time (an iterator reading files): each is scored at once and
only a few numbers per dimension are kept of it, so memory does not grow with the answers of
thousands of teams.
"""

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from typing import Any, Literal, NamedTuple

from assess.domain.assessment import Assessment, DimensionSpread, Status, questionnaire_hash
from assess.domain.base import DomainModel
from assess.domain.claims import backed_by_evidence
from assess.domain.coverage import answered_mark, not_scored_reason
from assess.domain.numbers import Exact
from assess.domain.questionnaire import Questionnaire, ScoringMethod
from assess.domain.scoring import achieved_level, ml_test_band, score
from assess.errors import AssessError

Trend = Literal["improved", "unchanged", "regressed", "not comparable"]
Order = Literal["overall", "agreement", "team"]
"""How rows are sorted: best overall first; least agreement among respondents first (teams
without respondents last); or by team name."""
# Changes smaller than this show as 0.0 with one decimal, so they count as unchanged.
UNCHANGED_WITHIN = Fraction(1, 20)


class DimensionInfo(DomainModel):
    """A dimension compared: one column of the heat map."""

    id: str
    title: str
    area: str
    area_title: str
    weight: Exact


class Cell(DomainModel):
    """One team's result on one dimension."""

    dimension: str
    score: Exact | None
    level: int | None
    target: int
    gap: Exact | None
    """Target minus score; negative when above target."""
    complete: bool
    """Every question of the dimension is answered."""
    vs_median: Exact | None
    """Score minus the organisation's median on this dimension."""
    not_scored: str = ""
    """Why there is no score ('not applicable', 'scoped out', 'no answers'); '' when scored."""
    answered_mark: str = ""
    """'3 of 4 answered' when the score rests on only some of the questions."""
    low: Exact | None = None
    """A team consolidated from respondents: the lowest respondent's own score of the
    dimension; None without respondents (or when none has a score)."""
    high: Exact | None = None
    """The highest respondent's own score of the dimension."""
    agreement: Exact | None = None
    """Share of the dimension's questions on which the respondents do not disagree."""

    @property
    def spread(self) -> Fraction | None:
        """How far apart the respondents' own scores are (high minus low)."""
        return None if self.low is None or self.high is None else self.high - self.low

    @property
    def below_target(self) -> bool:
        return self.gap is not None and self.gap > 0


class Row(DomainModel):
    """One assessment in the heat map: a team on a date."""

    team: str
    date: date
    status: Status
    version: str
    """The questionnaire version the assessment was made on."""
    complete: bool
    """Every question of the compared dimensions is answered."""
    latest: bool
    """The team's latest assessment (the one the organisation's figures use)."""
    overall: Exact | None
    """Weighted mean over the compared dimensions (ml-test-score: the minimum of their points)."""
    level: int | None
    dora: str | None
    """The team's DORA cluster or 'not placed'; None when the model asks no DORA question."""
    cells: list[Cell]
    """One per compared dimension, in the questionnaire's order."""
    backed: int | None = None
    """Answers backed by scan evidence (findings, none suggesting another choice); None when
    no scan is recorded in the assessment."""
    respondents: int | None = None
    """How many respondents the team's answers were consolidated from; None when they were not
    (one person answered for the team)."""
    agreement: Exact | None = None
    """Share of the compared questions with a counted answer on which the respondents do not
    disagree (range under two levels); None without respondents."""

    @property
    def incomplete(self) -> bool:
        return not self.complete or self.status != "complete"


class Spread(DomainModel):
    """How the teams' latest scores on one dimension are spread."""

    dimension: str
    teams: int
    """Teams with a score on this dimension."""
    min: Exact | None
    median: Exact | None
    max: Exact | None
    below_target: int
    """Teams below their target."""


class CommonGap(DomainModel):
    """A dimension where most teams are below target: an organisation-level investment."""

    dimension: str
    below_target: int
    teams: int
    mean_gap: Exact
    """Mean gap of the teams below target."""

    @property
    def share(self) -> Fraction:
        return Fraction(self.below_target, self.teams)


class TeamScore(DomainModel):
    team: str
    score: Exact
    gap: Exact


class Strength(DomainModel):
    """Who is at or above target on a dimension, and who is below and could learn from them."""

    dimension: str
    strong: list[TeamScore]
    """At or above target, best first."""
    below: list[TeamScore]
    """Below target, largest gap first."""


class Change(DomainModel):
    dimension: str
    first: Exact | None
    latest: Exact | None
    delta: Exact | None
    trend: Trend


class Progress(DomainModel):
    """One team's change from its first to its latest assessment."""

    team: str
    first_date: date
    latest_date: date
    assessments: int
    overall_first: Exact | None
    overall_latest: Exact | None
    overall_delta: Exact | None
    changes: list[Change]

    def count(self, trend: Trend) -> int:
        return sum(1 for change in self.changes if change.trend == trend)


class LeftOut(DomainModel):
    """A dimension not compared, because assessments on another version lack it."""

    dimension: str
    title: str
    versions: list[str]
    """Versions whose assessments do not cover it."""


class Comparison(DomainModel):
    """Everything the comparison reports show."""

    questionnaire: str
    title: str
    version: str
    method: ScoringMethod
    level_names: list[str]
    dimensions: list[DimensionInfo]
    """The compared dimensions, in the questionnaire's order."""
    left_out: list[LeftOut]
    versions: dict[str, int]
    """Assessments per questionnaire version."""
    changed_since: int = 0
    """Assessments of the current version made before its content last changed."""
    min_agreement: Exact | None = None
    """Only teams whose latest assessment has at least this agreement are compared."""
    below_agreement: int = 0
    """Teams left out by min_agreement: their respondents agree less."""
    without_respondents: int = 0
    """Teams left out by min_agreement: no respondents, so no agreement figure."""
    order: Order = "overall"
    rows: list[Row]
    """Best overall first; with all_dates a team's history follows its latest row."""
    medians: list[Exact | None]
    """The organisation's median per compared dimension."""
    median_overall: Exact | None
    spread: list[Spread]
    common_gaps: list[CommonGap]
    """Most widely shared gaps first."""
    progress: list[Progress]

    @property
    def strengths(self) -> list[Strength]:
        """Per compared dimension; built each time a report asks for it (it names every team
        once per dimension, too much to hold for thousands of teams when only a table is
        printed), so it always follows the rows, also in a copy with other rows."""
        latest = self.latest_rows
        return [_strength(i, d.id, latest) for i, d in enumerate(self.dimensions)]

    @property
    def teams(self) -> int:
        return sum(1 for row in self.rows if row.latest)

    @property
    def latest_rows(self) -> list[Row]:
        return [row for row in self.rows if row.latest]

    def dimension(self, dimension_id: str) -> DimensionInfo:
        return next(d for d in self.dimensions if d.id == dimension_id)


def choose_questionnaire(assessments: Iterable[Assessment], wanted: str | None) -> str:
    """The questionnaire to compare on: the one asked for, or the only one present."""
    return choose_from_counts(Counter(a.questionnaire for a in assessments), wanted)


def choose_from_counts(counts: Counter[str], wanted: str | None) -> str:
    """The same, from the number of assessments per questionnaire id (counted while reading)."""
    if not counts:
        raise AssessError("no assessments to compare")
    if wanted is not None:
        if wanted not in counts:
            found = ", ".join(sorted(counts))
            raise AssessError(f"no assessment of questionnaire '{wanted}' (found: {found})")
        return wanted
    if len(counts) > 1:
        found = ", ".join(
            f"{qid} ({n} assessment{'s' if n > 1 else ''})" for qid, n in sorted(counts.items())
        )
        raise AssessError(
            f"the assessments answer different questionnaires: {found}; "
            "choose one with --questionnaire ID"
        )
    return next(iter(counts))


def _covered(questionnaire: Questionnaire, assessment: Assessment) -> frozenset[str]:
    """Dimensions the assessment's own questionnaire version had.

    An assessment on the current version covers every dimension. One made on another version is
    taken to cover the dimensions it answered at least one question of: a dimension it never
    touched did not exist for it (or was left out then), and comparing it would only add noise.
    """
    if assessment.questionnaire_version == questionnaire.version:
        return frozenset(d.id for _, d in questionnaire.dimensions())
    answered = {qid for qid, answer in assessment.answers.items() if answer.is_answered}
    return frozenset(
        d.id
        for _, d in questionnaire.dimensions()
        if any(question.id in answered for question in d.questions)
    )


class _Result(NamedTuple):
    """What a comparison needs of one dimension's score (a tuple: thousands are held)."""

    dimension: str
    score: Exact | None
    level: int | None
    target: int
    gap: Exact | None
    complete: bool
    points: Exact | None
    weight: Exact
    not_scored: str
    """Why there is no score ('' when scored): shown in words, never as zero."""
    answered_mark: str
    """'3 of 4 answered' when the score rests on some questions only."""
    low: Exact | None = None
    """The respondents' own scores' range (consolidated teams only)."""
    high: Exact | None = None
    questions: int = 0
    """Questions with a counted respondent answer (consolidated teams only)."""
    flagged: int = 0


@dataclass(frozen=True, slots=True)
class _Scored:
    """One assessment once scored: the little the comparison keeps after dropping it."""

    team: str
    date: date
    updated: datetime
    status: Status
    version: str
    results: dict[str, _Result]
    dora: str | None
    backed: int | None
    respondents: int | None


def _scored(questionnaire: Questionnaire, assessment: Assessment) -> _Scored:
    card = score(questionnaire, assessment)
    record = assessment.consolidation
    spreads = record.dimensions if record is not None else {}
    none = DimensionSpread()
    return _Scored(
        team=assessment.team,
        date=assessment.date,
        updated=assessment.updated,
        status=assessment.status,
        version=assessment.questionnaire_version,
        results={
            d.dimension: _Result(
                d.dimension,
                d.score,
                d.level,
                d.target,
                d.gap,
                d.complete,
                d.points,
                d.weight,
                not_scored_reason(d) or "",
                answered_mark(d),
                (spread := spreads.get(d.dimension, none)).low,
                spread.high,
                spread.questions,
                spread.flagged,
            )
            for d in card.dimensions
        },
        dora=card.dora.label() if card.dora is not None else None,
        backed=backed_by_evidence(questionnaire, assessment) if assessment.evidence_found else None,
        respondents=len(record.respondents) if record is not None else None,
    )


def _overall(method: ScoringMethod, scores: list[_Result]) -> tuple[Fraction | None, int | None]:
    if method == "ml-test-score":
        points = [d.points for d in scores if d.points is not None]
        if not points:
            return None, None
        level = ml_test_band(min(points))[0]
        return Fraction(level), level  # on the level scale, like every cell
    pairs = [(d.score, d.weight) for d in scores if d.score is not None]
    total = sum((weight for _, weight in pairs), Fraction(0))
    if total == 0:
        return None, None
    overall = sum((value * weight for value, weight in pairs), Fraction(0)) / total
    return overall, achieved_level(overall)


def _median(values: Sequence[Fraction | None]) -> Fraction | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


# One set of field names shared by every cell and row: pydantic otherwise gives each instance a
# set of its own, two thirds of a cell's memory.
_CELL_FIELDS = set(Cell.model_fields)
_ROW_FIELDS = set(Row.model_fields)
_CHANGE_FIELDS = set(Change.model_fields)


def _row(
    scored: _Scored,
    dimensions: list[DimensionInfo],
    medians: list[Exact | None],
    method: ScoringMethod,
    latest: bool,
) -> Row:
    scores = [scored.results[d.id] for d in dimensions]
    # Built without validation: every value comes from a validated scorecard, and validating
    # a cell per team and dimension was a third of comparing thousands of teams.
    cells = [
        Cell.model_construct(
            _CELL_FIELDS,
            dimension=d.dimension,
            score=d.score,
            level=d.level,
            target=d.target,
            gap=d.gap,
            complete=d.complete,
            vs_median=None if d.score is None or median is None else d.score - median,
            not_scored=d.not_scored,
            answered_mark=d.answered_mark,
            low=d.low,
            high=d.high,
            agreement=Fraction(d.questions - d.flagged, d.questions) if d.questions else None,
        )
        for d, median in zip(scores, medians, strict=True)
    ]
    overall, level = _overall(method, scores)
    return Row.model_construct(
        _ROW_FIELDS,
        team=scored.team,
        date=scored.date,
        status=scored.status,
        version=scored.version,
        complete=all(c.complete for c in cells),
        latest=latest,
        overall=overall,
        level=level,
        dora=scored.dora,
        backed=scored.backed,
        respondents=scored.respondents,
        agreement=_agreement(scored, dimensions),
        cells=cells,
    )


def _agreement(scored: _Scored, dimensions: list[DimensionInfo]) -> Fraction | None:
    """Share of the compared questions with a counted answer that are not flagged."""
    if scored.respondents is None:
        return None
    results = [scored.results[d.id] for d in dimensions]
    counted = sum(r.questions for r in results)
    if not counted:
        return None
    return Fraction(counted - sum(r.flagged for r in results), counted)


def trend(delta: Fraction | None) -> Trend:
    """How a change reads: a change that shows as 0.0 with one decimal is unchanged."""
    if delta is None:
        return "not comparable"
    if delta >= UNCHANGED_WITHIN:
        return "improved"
    if delta <= -UNCHANGED_WITHIN:
        return "regressed"
    return "unchanged"


def _progress(team: str, first: Row, latest: Row, assessments: int) -> Progress:
    changes = []
    for a, b in zip(first.cells, latest.cells, strict=True):
        delta = None if a.score is None or b.score is None else b.score - a.score
        changes.append(
            Change.model_construct(
                _CHANGE_FIELDS,
                dimension=a.dimension,
                first=a.score,
                latest=b.score,
                delta=delta,
                trend=trend(delta),
            )
        )
    overall_delta = (
        None if first.overall is None or latest.overall is None else latest.overall - first.overall
    )
    return Progress(
        team=team,
        first_date=first.date,
        latest_date=latest.date,
        assessments=assessments,
        overall_first=first.overall,
        overall_latest=latest.overall,
        overall_delta=overall_delta,
        changes=changes,
    )


def _spread(index: int, dimension: str, latest: list[Row]) -> Spread:
    cells = [row.cells[index] for row in latest]
    values = sorted(c.score for c in cells if c.score is not None)
    return Spread(
        dimension=dimension,
        teams=len(values),
        min=values[0] if values else None,
        median=statistics.median(values) if values else None,
        max=values[-1] if values else None,
        below_target=sum(1 for c in cells if c.below_target),
    )


def _common_gaps(spread: list[Spread], latest: list[Row]) -> list[CommonGap]:
    """Dimensions where more than half of the teams with a score are below target; the widest
    shared first, then the deepest (mean gap of the teams below), then the model's order."""
    gaps = []
    for index, s in enumerate(spread):
        if s.teams == 0 or 2 * s.below_target <= s.teams:
            continue
        below = [
            row.cells[index].gap or Fraction(0) for row in latest if row.cells[index].below_target
        ]
        gaps.append(
            CommonGap(
                dimension=s.dimension,
                below_target=s.below_target,
                teams=s.teams,
                mean_gap=sum(below, Fraction(0)) / len(below),
            )
        )
    return sorted(gaps, key=lambda g: (-g.share, -g.mean_gap))


def _strength(index: int, dimension: str, latest: list[Row]) -> Strength:
    strong: list[TeamScore] = []
    below: list[TeamScore] = []
    for row in latest:
        cell = row.cells[index]
        if cell.score is None or cell.gap is None:
            continue
        entry = TeamScore(team=row.team, score=cell.score, gap=cell.gap)
        (below if cell.below_target else strong).append(entry)
    strong.sort(key=lambda t: (-t.score, t.team))
    below.sort(key=lambda t: (-t.gap, t.team))
    return Strength(dimension=dimension, strong=strong, below=below)


def _shared(
    questionnaire: Questionnaire, covered: dict[str, set[str]]
) -> tuple[list[DimensionInfo], list[LeftOut]]:
    """The dimensions every version compared covers. A version has a dimension when any of its
    assessments answered it: one team's unfinished assessment must not remove a dimension from
    everyone's comparison."""
    shared, left_out = [], []
    for area, d in questionnaire.dimensions():
        lacking = sorted(v for v, dims in covered.items() if d.id not in dims)
        if lacking:
            left_out.append(LeftOut(dimension=d.id, title=d.title, versions=lacking))
        else:
            shared.append(
                DimensionInfo(
                    id=d.id, title=d.title, area=area.id, area_title=area.title, weight=d.weight
                )
            )
    if not shared:
        raise AssessError(
            "the assessments share no dimension to compare: they were made on versions "
            + ", ".join(sorted(covered))
            + f" of '{questionnaire.id}'"
        )
    return shared, left_out


def _sort_key(row: Row) -> tuple[bool, Fraction, str]:
    return (row.overall is None, -(row.overall or Fraction(0)), row.team)


def by_overall(rows: Iterable[Row]) -> list[Row]:
    """Rows best overall first (ties by team): the ranking, whatever the rows' order."""
    return sorted(rows, key=_sort_key)


def _order_key(order: Order) -> Callable[[Row], tuple[Any, ...]]:
    if order == "team":
        return lambda row: (row.team.casefold(), row.team)
    if order == "agreement":
        return lambda row: (row.agreement is None, row.agreement or Fraction(0), *_sort_key(row))
    return _sort_key


def compare(
    questionnaire: Questionnaire,
    assessments: Iterable[Assessment],
    all_dates: bool = False,
    order: Order = "overall",
    min_agreement: Fraction | None = None,
) -> Comparison:
    """Compare the assessments, all of which must answer this questionnaire. They are read once,
    in order, and each is dropped once scored (see the module's note). `order` sorts the rows;
    `min_agreement` keeps only the teams whose latest assessment was consolidated from
    respondents who agree on at least that share of the questions."""
    current_hash = questionnaire_hash(questionnaire)
    teams: dict[str, list[_Scored]] = defaultdict(list)
    covered: dict[str, set[str]] = defaultdict(set)
    versions: Counter[str] = Counter()
    changed_since = 0
    foreign: set[str] = set()
    for assessment in assessments:
        if assessment.questionnaire != questionnaire.id:
            foreign.add(assessment.questionnaire)
            continue
        version = assessment.questionnaire_version
        versions[version] += 1
        covered[version] |= _covered(questionnaire, assessment)
        if version == questionnaire.version and assessment.questionnaire_hash != current_hash:
            changed_since += 1
        teams[assessment.team].append(_scored(questionnaire, assessment))
    if foreign:
        raise AssessError(
            f"cannot compare assessments of '{', '.join(sorted(foreign))}' on '{questionnaire.id}'"
        )
    if not teams:
        raise AssessError(f"no assessments of '{questionnaire.id}' to compare")
    dimensions, left_out = _shared(questionnaire, covered)
    # Each team's assessments, oldest first (same day: the last updated counts as later).
    for history in teams.values():
        history.sort(key=lambda a: (a.date, a.updated))
    method = questionnaire.scoring
    below_agreement = without_respondents = 0
    if min_agreement is not None:
        for team in list(teams):
            agreement = _agreement(teams[team][-1], dimensions)
            if agreement is None:
                without_respondents += 1
            elif agreement < min_agreement:
                below_agreement += 1
            else:
                continue
            del teams[team]
        if not teams:
            raise AssessError(
                f"no team's respondents agree on at least {float(min_agreement):.0%} of the "
                f"questions ({below_agreement} below, {without_respondents} without respondents)"
            )

    # Medians come from each team's latest scorecard, before any row is built.
    medians = [_median([h[-1].results[d.id].score for h in teams.values()]) for d in dimensions]

    rows: list[Row] = []
    progress = []
    while teams:
        # Taken out as its rows are built, so a team is never held twice.
        team, history = teams.popitem()
        shown = history if all_dates else history[-1:]
        team_rows = [_row(a, dimensions, medians, method, a is history[-1]) for a in shown]
        rows.extend(reversed(team_rows))
        if len(history) > 1:
            first = (
                team_rows[0] if all_dates else _row(history[0], dimensions, medians, method, False)
            )
            progress.append(_progress(team, first, team_rows[-1], len(history)))

    latest = [row for row in rows if row.latest]
    latest.sort(key=_order_key(order))
    place = {row.team: n for n, row in enumerate(latest)}
    # Teams in the order asked for; a team's history stays under its latest row, newest first.
    rows.sort(key=lambda r: (place[r.team], not r.latest, -r.date.toordinal()))
    spread = [_spread(i, d.id, latest) for i, d in enumerate(dimensions)]
    progress.sort(key=lambda p: place[p.team])
    return Comparison(
        questionnaire=questionnaire.id,
        title=questionnaire.title,
        version=questionnaire.version,
        method=method,
        level_names=[level.name for level in questionnaire.levels],
        dimensions=dimensions,
        left_out=left_out,
        versions=dict(sorted(versions.items())),
        changed_since=changed_since,
        min_agreement=min_agreement,
        below_agreement=below_agreement,
        without_respondents=without_respondents,
        order=order,
        rows=rows,
        medians=medians,
        median_overall=_median([row.overall for row in latest]),
        spread=spread,
        common_gaps=_common_gaps(spread, latest),
        progress=progress,
    )
