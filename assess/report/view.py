"""Numbers to display values: everything a gap report shows, computed and formatted here so that
templates (HTML, PDF, Markdown) hold no arithmetic and print the same figures."""

from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction

from assess.domain import dora as clusters
from assess.domain.answers import resolve
from assess.domain.assessment import Answer, Assessment
from assess.domain.coverage import all_not_applicable, answered_mark, not_scored_reason
from assess.domain.numbers import Number, points_text, shown
from assess.domain.questionnaire import Dimension, Question, Questionnaire
from assess.domain.roadmap import build_roadmap
from assess.domain.scoring import ML_TEST_SCORE_BANDS, DimensionScore, Scorecard
from assess.report.charts import Bar, Radar, bar, radar
from assess.report.consensus_view import (
    ConsensusView,
    DimensionSpreadView,
    consensus_view,
    dimension_spreads,
)
from assess.report.evidence_view import ClaimView, claim_views, evidence_lines
from assess.report.roadmap_view import PhaseView, phase_views

TOP_GAPS = 5
RUNNING_TITLE_LENGTH = 60
STRONGEST = 3
DORA_METRICS = {
    "deployment-frequency": "Deployment frequency",
    "lead-time": "Lead time for changes",
    "change-fail-rate": "Change fail rate",
    "recovery-time": "Failed deployment recovery time",
}


def figure(value: Number | None, digits: int = 1, up: bool = False) -> str:
    """A score, gap or point figure as printed everywhere: one decimal, '–' when missing; gaps
    and priorities round up (see numbers.shown)."""
    return "–" if value is None else shown(value, digits, up=up)


def _points(value: Number) -> str:
    return points_text(value)


def _points_or_dash(value: Number | None) -> str:
    return "–" if value is None else _points(value)


@dataclass(frozen=True)
class LevelText:
    number: int
    name: str
    text: str

    @property
    def label(self) -> str:
        return f"Level {self.number} · {self.name}"


@dataclass(frozen=True)
class AnswerView:
    number: str
    question: str
    status: str
    """answered, not-applicable, dont-know or unanswered."""
    answer: str
    worth: str
    """The chosen answer's level or points, e.g. 'level 3' or '0.5 points'."""
    note: str
    evidence: str
    source: str
    help: str
    evidence_hint: str
    """What the model says would prove the answer."""
    found: tuple[str, ...] = ()
    """What a scan of the team's repositories found for the question, one line per finding."""
    discussion: int = 0
    """The number of its point in 'Where the team disagrees' when the respondents disagree on
    it; 0 otherwise."""


@dataclass(frozen=True)
class Step:
    label: str
    text: str


@dataclass(frozen=True)
class DimensionView:
    number: int
    anchor: str
    title: str
    area: str
    description: str
    score: str
    level: str
    """'3 · Defined', or why there is no score ('not applicable', 'scoped out', 'no answers')."""
    not_scored: str
    """Why the dimension has no score; '' when it has one."""
    not_scored_text: str
    """The same as a sentence for the dimension's section."""
    answered_mark: str
    """'3 of 4 answered' when the score rests on only some questions; else ''."""
    target: str
    target_name: str
    gap: str
    priority: str
    below_target: bool
    points: str
    """ml-test-score: '3.5 of 7'; empty otherwise."""
    completeness: str
    complete: bool
    bar: Bar
    bar_alt: str
    current_level: LevelText | None
    target_level: LevelText
    answers: list[AnswerView]
    steps: list[Step]
    spread: DimensionSpreadView | None = None
    """A team with respondents: the range of their own scores and the questions agreed."""


@dataclass(frozen=True)
class AreaView:
    title: str
    score: str
    level: str
    answered_mark: str
    """'40 of 46 answered' when the area's score rests on incomplete dimensions."""
    dimensions: list[DimensionView]


@dataclass(frozen=True)
class DoraView:
    cluster: str
    """The nearest cluster, capitalised, or 'Not placed'."""
    placed: bool
    summary: str
    """The placement in one sentence, naming the missing metrics."""
    distances: list[tuple[str, str, bool]]
    """(cluster, distance to its profile, whether it is the team's) from low to elite."""
    metrics: list[tuple[str, str, list[str]]]
    """(metric, the team's answer on the 0..1 scale or 'not answered', each cluster's value)."""
    columns: list[str]
    """The clusters from low to elite, capitalised, for table headings."""
    minimum: int
    """How many metrics must be answered for a placement."""
    missing: list[str]
    source: str
    benchmark: str


@dataclass(frozen=True)
class MlTestView:
    sections: list[tuple[str, str, str]]
    """(section title, points as 'x of y', level label)."""
    final: str
    maximum: str
    band: str
    unscored: str
    """A sentence when some sections have no answers yet (the final covers only the others)."""
    bands: list[tuple[str, str]]
    """(range of final score, meaning) from the paper."""


@dataclass(frozen=True)
class Completeness:
    total: int
    answered: int
    dont_know: int
    not_applicable: int
    unanswered: int
    percent: str
    """Share of questions with any answer, e.g. '85%'."""


@dataclass(frozen=True)
class Listed:
    dimension: str
    question: str


@dataclass(frozen=True)
class ReportView:
    title: str
    lang: str
    team: str
    running_title: str
    """The team as the running header shows it: shortened when long."""
    assessors: str
    assessed_on: str
    generated_on: str
    model_title: str
    model_version: str
    model_id: str
    status: str
    draft: bool
    draft_text: str
    method: str
    """weighted-mean or ml-test-score."""
    overall_label: str
    overall: str
    overall_scale: str
    overall_level: str
    overall_mark: str
    """'72 of 93 answered' when the overall rests on incomplete dimensions; else ''."""
    top_level: int
    levels: list[LevelText]
    areas: list[AreaView]
    dimensions: list[DimensionView]
    radar: Radar | None
    radar_alt: str
    top_gaps: list[DimensionView]
    below_target: str
    """A sentence: how many dimensions are below their target."""
    strongest: list[DimensionView]
    completeness: Completeness
    has_dora: bool
    """Whether the model asks DORA's delivery questions."""
    dora: DoraView | None
    ml_test: MlTestView | None
    phases: list[PhaseView]
    """The roadmap: one level step per dimension and phase (assess.domain.roadmap)."""
    phase_rule: str
    unanswered: list[Listed]
    not_applicable: list[Listed]
    dont_know: list[Listed]
    references: list[tuple[str, str]]
    scoped_out: list[tuple[str, str]] = field(default_factory=list)
    """What the team declared not applicable, as (title, reason), in model order."""
    scanned: bool = False
    """Whether a scan's findings are recorded in the assessment."""
    claims: list[ClaimView] = field(default_factory=list)
    """Answers the scan's evidence does not bear out (see the section 'Claims to check')."""
    consensus: ConsensusView | None = None
    """A team whose answers were consolidated from its respondents: who answered and where they
    disagree (see the section 'Where the team disagrees'); None otherwise."""


def _answer_view(
    questionnaire: Questionnaire, number: str, question: Question, answer: Answer
) -> AnswerView:
    status, text, worth = "unanswered", "Unanswered", ""
    resolved = resolve(question, answer)
    if resolved.state == "not-applicable":
        status, text = "not-applicable", "Not applicable"
    elif resolved.state == "dont-know":
        status, text, worth = "dont-know", "Don't know", "scored as level 1"
        if questionnaire.scoring == "ml-test-score":
            worth = "scored as 0 points"
    elif resolved.state == "changed":
        status, text = "changed", answer.text or "An earlier answer"
        worth = f"the model changed since this was answered ({resolved.reason}); not scored"
    elif resolved.state == "chosen" and resolved.choice is not None:
        choice = resolved.choice
        status, text = "answered", choice.text
        if questionnaire.scoring == "ml-test-score":
            worth = f"{_points(choice.points or 0.0)} points"
        elif choice.level is not None:
            worth = f"level {choice.level}"
    return AnswerView(
        number=number,
        question=question.text,
        status=status,
        answer=text,
        worth=worth,
        note=answer.note,
        evidence=answer.evidence,
        source=answer.source,
        help=question.help,
        evidence_hint="; ".join(question.evidence),
    )


def _steps(questionnaire: Questionnaire, dimension: Dimension, score: DimensionScore) -> list[Step]:
    """The recommendations that lead from the level achieved to the target, one per level; none
    for a dimension the team declared not applicable."""
    if all_not_applicable(score):
        return []
    start = score.level or 1
    return [
        Step(
            label=f"From {level} {questionnaire.level_name(level)} to "
            f"{level + 1} {questionnaire.level_name(level + 1)}",
            text=recommendation.text,
        )
        for level in range(start, score.target)
        if (recommendation := dimension.recommendation(level)) is not None
    ]


def _completeness_text(score: DimensionScore) -> str:
    if score.scoped_out:
        return f"scoped out: {score.scoped_out}"
    parts = [f"{score.questions - score.unanswered} of {score.questions} answered"]
    if score.dont_know:
        parts.append(f"{score.dont_know} don't know")
    if score.not_applicable:
        parts.append(f"{score.not_applicable} not applicable")
    return ", ".join(parts)


def _scoped_out(questionnaire: Questionnaire, assessment: Assessment) -> list[tuple[str, str]]:
    titles = {a.id: a.title for a in questionnaire.areas}
    titles |= {d.id: d.title for _, d in questionnaire.dimensions()}
    return [
        (titles[scope_id], assessment.scoped_out[scope_id])
        for scope_id in questionnaire.scopeable()
        if scope_id in assessment.scoped_out
    ]


def _max_points(dimension: Dimension) -> float:
    return sum(max(c.points or 0.0 for c in q.choices) for q in dimension.questions)


def _dimension_view(
    questionnaire: Questionnaire,
    assessment: Assessment,
    number: int,
    area_title: str,
    dimension: Dimension,
    score: DimensionScore,
    spread: DimensionSpreadView | None = None,
    discussion: dict[str, int] | None = None,
) -> DimensionView:
    top = questionnaire.top_level
    points_of = discussion or {}
    reason = not_scored_reason(score) or ""
    level = (
        reason
        if score.level is None
        else f"{score.level} · {questionnaire.level_name(score.level)}"
    )
    points = ""
    if questionnaire.scoring == "ml-test-score":
        points = f"{_points_or_dash(score.points)} of {_points(_max_points(dimension))}"
    answers = [
        replace(
            _answer_view(questionnaire, f"{number}.{i}", q, assessment.answer(q.id)),
            found=evidence_lines(assessment.evidence_found.get(q.id, [])),
            discussion=points_of.get(q.id, 0),
        )
        for i, q in enumerate(dimension.questions, start=1)
    ]
    gap = figure(score.gap, up=True)
    span = _span(spread)
    bar_alt = (
        f"{score.title}: score {figure(score.score)} of {top}, target {score.target}, gap {gap}"
        + (f", respondents' own scores {spread.range}" if span and spread else "")
        if not reason
        else f"{reason.capitalize()}: no score to draw"
    )
    return DimensionView(
        number=number,
        anchor=f"dim-{dimension.id}",
        title=dimension.title,
        area=area_title,
        description=dimension.description,
        score=figure(score.score),
        level=level,
        not_scored=reason,
        not_scored_text=_not_scored_text(score, reason),
        answered_mark=answered_mark(score),
        target=str(score.target),
        target_name=questionnaire.level_name(score.target),
        gap=gap,
        priority=figure(score.priority, up=True),
        below_target=score.priority > 0,
        points=points,
        completeness=_completeness_text(score),
        complete=score.complete,
        bar=bar(score.score, score.target, top, span=span),
        bar_alt=bar_alt,
        current_level=None
        if score.level is None
        else LevelText(
            score.level, questionnaire.level_name(score.level), dimension.levels[score.level]
        ),
        target_level=LevelText(
            score.target, questionnaire.level_name(score.target), dimension.levels[score.target]
        ),
        answers=answers,
        steps=_steps(questionnaire, dimension, score),
        spread=spread,
    )


def _not_scored_text(score: DimensionScore, reason: str) -> str:
    if reason == "scoped out":
        reason_text = score.scoped_out.strip().rstrip(".")
        return f"Scoped out: {reason_text}." if reason_text else "Scoped out."
    if reason == "not applicable":
        return "Not applicable: every question was answered not applicable."
    if reason:
        return "Not scored: no question answered yet."
    return ""


def _sum_mark(scores: list[DimensionScore]) -> str:
    """'n of m answered' over the dimensions a roll-up rests on, when any of them is incomplete."""
    counted = [d for d in scores if not all_not_applicable(d)]
    if all(d.answered + d.not_applicable >= d.questions for d in counted):
        return ""
    given = sum(min(d.questions, d.answered + d.not_applicable) for d in counted)
    return f"{given} of {sum(d.questions for d in counted)} answered"


def _dora(card: Scorecard) -> DoraView | None:
    placement = card.dora
    if placement is None:
        return None
    missing = [DORA_METRICS.get(m, m) for m in placement.missing]
    if placement.cluster is None:
        answered = len(clusters.METRICS) - len(missing)
        summary = (
            f"Not placed: {answered} of {len(clusters.METRICS)} delivery metrics answered, "
            f"at least {clusters.MINIMUM_METRICS} are needed. Missing: {', '.join(missing)}."
        )
    else:
        without = f", without {', '.join(missing)}" if missing else ""
        summary = (
            f"{placement.cluster.capitalize()} cluster{without}: nearest profile at distance "
            f"{placement.distances[placement.cluster]:.2f}."
        )
    return DoraView(
        cluster=placement.cluster.capitalize() if placement.cluster else "Not placed",
        placed=placement.cluster is not None,
        summary=summary,
        distances=[
            (name.capitalize(), f"{distance:.2f}", name == placement.cluster)
            for name, distance in placement.distances.items()
        ],
        metrics=[
            (
                DORA_METRICS[m],
                f"{placement.positions[m]:.2f}" if m in placement.positions else "not answered",
                [
                    f"{float(clusters.scaled(m, clusters.CLUSTERS_2024[c][m])):.2f}"
                    for c in clusters.ORDER
                ],
            )
            for m in clusters.METRICS
        ],
        columns=[name.capitalize() for name in clusters.ORDER],
        minimum=clusters.MINIMUM_METRICS,
        missing=missing,
        source=placement.source or clusters.SOURCE,
        benchmark=placement.benchmark,
    )


def _ml_test(questionnaire: Questionnaire, card: Scorecard) -> MlTestView | None:
    if questionnaire.scoring != "ml-test-score":
        return None
    sections = []
    for _, dimension in questionnaire.dimensions():
        score = card.dimension(dimension.id)
        level = "–" if score.level is None else f"{questionnaire.level_name(score.level)}"
        sections.append(
            (
                dimension.title,
                f"{_points_or_dash(score.points)} of {_points(_max_points(dimension))}",
                level,
            )
        )
    bands = []
    lower = "0"
    for i, (upper, _, meaning) in enumerate(ML_TEST_SCORE_BANDS):
        if i == 0:
            label = "0"
        elif upper is None:
            label = f"more than {lower}"
        else:
            label = f"more than {lower}, up to {_points(upper)}"
        bands.append((label, meaning))
        if upper is not None:
            lower = _points(upper)
    result = card.ml_test_score
    unscored = ""
    if result is not None and result.provisional:
        titles = {d.dimension: d.title for d in card.dimensions}
        open_tests = "; ".join(
            f"{titles[section]}: {', '.join(tests)}" for section, tests in result.open_tests.items()
        )
        unscored = (
            "Provisional: unanswered tests earn no points, so the final score is a lower bound "
            f"until they are answered ({open_tests})."
        )
    return MlTestView(
        sections=sections,
        final="–" if result is None else _points(result.final),
        maximum=_points(min((_max_points(d) for _, d in questionnaire.dimensions()), default=0.0)),
        band="not scored yet" if result is None else result.band,
        unscored=unscored,
        bands=bands,
    )


def _listed(questionnaire: Questionnaire, assessment: Assessment, wanted: str) -> list[Listed]:
    result = []
    for dimension, question in questionnaire.questions():
        view = _answer_view(questionnaire, "", question, assessment.answer(question.id))
        if view.status == wanted:
            result.append(Listed(dimension.title, question.text))
    return result


def gap_report_view(
    questionnaire: Questionnaire, assessment: Assessment, card: Scorecard, generated: date
) -> ReportView:
    """Everything the gap report prints; generated is passed in so output is reproducible."""
    dimensions: list[DimensionView] = []
    areas = []
    consensus = consensus_view(questionnaire, assessment)
    record = assessment.consolidation
    spreads = dimension_spreads(questionnaire, record) if record is not None else {}
    discussion: dict[str, int] = {}
    if consensus is not None:
        discussion = {p.question_id: p.number for p in consensus.disagreements}
    for area in questionnaire.areas:
        views = []
        for dimension in area.dimensions:
            view = _dimension_view(
                questionnaire,
                assessment,
                len(dimensions) + 1,
                area.title,
                dimension,
                card.dimension(dimension.id),
                spreads.get(dimension.id),
                discussion,
            )
            views.append(view)
            dimensions.append(view)
        area_score = next(a for a in card.areas if a.area == area.id)
        in_area = [d for d in card.dimensions if d.area == area.id]
        areas.append(
            AreaView(
                title=area.title,
                score=figure(area_score.score),
                level=_area_level(questionnaire, area_score.level, area_score.scoped_out, in_area),
                answered_mark=_sum_mark(in_area),
                dimensions=views,
            )
        )
    by_id = {d.anchor: d for d in dimensions}
    gaps = [by_id[f"dim-{g.dimension}"] for g in card.gaps]
    scored = sorted(
        (d for d in card.dimensions if d.score is not None),
        key=lambda d: -(d.score or 0.0),
    )
    strongest = [by_id[f"dim-{d.dimension}"] for d in scored[:STRONGEST]]
    total = sum(d.questions for d in card.dimensions)
    unanswered = sum(d.unanswered for d in card.dimensions)
    completeness = Completeness(
        total=total,
        answered=sum(d.answered - d.dont_know for d in card.dimensions),
        dont_know=sum(d.dont_know for d in card.dimensions),
        not_applicable=sum(d.not_applicable for d in card.dimensions),
        unanswered=unanswered,
        percent=f"{round(100 * (total - unanswered) / total) if total else 0}%",
    )
    draft_reasons = []
    if unanswered:
        draft_reasons.append(f"{unanswered} of {total} questions unanswered")
    if assessment.status != "complete":
        draft_reasons.append("assessment not marked complete")
    ml = questionnaire.scoring == "ml-test-score"
    top = questionnaire.top_level
    radar_chart = None
    if len(dimensions) >= 3:
        radar_chart = radar(
            [d.score for d in card.dimensions],
            [d.target for d in card.dimensions],
            top,
            ranges=[_span(spreads.get(d.dimension)) for d in card.dimensions] if spreads else (),
        )
    radar_alt = "Radar chart of current score against target per dimension: " + "; ".join(
        f"{d.number} {d.title} {d.not_scored}"
        if d.not_scored
        else f"{d.number} {d.title} {d.score} of target {d.target}"
        + (f" ({d.answered_mark})" if d.answered_mark else "")
        for d in dimensions
    )
    roadmap = build_roadmap(questionnaire, assessment, card)
    overall_level = "not scored"
    if card.level is not None:
        overall_level = f"Level {card.level} · {questionnaire.level_name(card.level)}"
    ml_final = card.ml_test_score.final if card.ml_test_score else None
    return ReportView(
        title=f"Maturity gap report: {assessment.team}",
        lang="en",
        team=assessment.team,
        running_title=_shortened(assessment.team, RUNNING_TITLE_LENGTH),
        assessors=", ".join(assessment.assessors) or "–",
        assessed_on=assessment.date.isoformat(),
        generated_on=generated.isoformat(),
        model_title=questionnaire.title,
        model_version=questionnaire.version,
        model_id=questionnaire.id,
        status="complete" if assessment.status == "complete" else "in progress",
        draft=bool(draft_reasons),
        draft_text="Draft: " + "; ".join(draft_reasons) if draft_reasons else "",
        method=questionnaire.scoring,
        overall_label="ML Test Score" if ml else "Overall score",
        overall=_points_or_dash(ml_final) if ml else figure(card.score),
        overall_scale=f"of {_ml_max(questionnaire)} points" if ml else f"of {top}",
        overall_level=overall_level,
        overall_mark=_sum_mark(card.dimensions),
        top_level=top,
        levels=[LevelText(lv.level, lv.name, lv.description) for lv in questionnaire.levels],
        areas=areas,
        dimensions=dimensions,
        radar=radar_chart,
        radar_alt=radar_alt,
        top_gaps=gaps[:TOP_GAPS],
        below_target=(
            f"{len(gaps)} of {len(dimensions)} dimensions are below their target."
            if gaps
            else "No dimension is below its target."
        ),
        strongest=strongest,
        completeness=completeness,
        scoped_out=_scoped_out(questionnaire, assessment),
        has_dora=any(q.dora is not None for _, q in questionnaire.questions()),
        dora=_dora(card),
        ml_test=_ml_test(questionnaire, card),
        phases=phase_views(roadmap),
        phase_rule=roadmap.rule,
        unanswered=_listed(questionnaire, assessment, "unanswered"),
        not_applicable=_listed(questionnaire, assessment, "not-applicable"),
        dont_know=_listed(questionnaire, assessment, "dont-know"),
        references=[(r.title, r.url) for r in questionnaire.references],
        scanned=bool(assessment.evidence_found),
        claims=claim_views(questionnaire, assessment),
        consensus=consensus,
    )


def _span(spread: DimensionSpreadView | None) -> tuple[Fraction, Fraction] | None:
    if spread is None or spread.low is None or spread.high is None:
        return None
    return (spread.low, spread.high)


def _area_level(
    questionnaire: Questionnaire, level: int | None, scoped_out: str, dims: list[DimensionScore]
) -> str:
    if level is not None:
        return f"{level} · {questionnaire.level_name(level)}"
    if scoped_out or (dims and all(d.scoped_out for d in dims)):
        return "scoped out"
    if dims and all(all_not_applicable(d) for d in dims):
        return "not applicable"
    return "no answers"


def _shortened(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _ml_max(questionnaire: Questionnaire) -> str:
    """The highest final score possible: the final is the lowest section sum."""
    return _points(min((_max_points(d) for _, d in questionnaire.dimensions()), default=0.0))
