"""The gap report of a team consolidated from respondents: the spread per dimension, who answered,
and 'Where the team disagrees'. Every figure is worked out by hand in consensus_fixtures.py."""

from pathlib import Path

from pypdf import PdfReader

from assess.domain.assessment import Answer
from assess.domain.consensus import agree, consolidate, labels
from assess.domain.questionnaire import Questionnaire
from assess.files.questionnaires import load_questionnaire
from assess.report.charts import bar, radar
from assess.report.gap_report import gap_report_html, report_view, write_gap_report
from assess.report.markdown import gap_report_markdown
from tests.conftest import pick_in
from tests.report.conftest import GENERATED
from tests.report.consensus_fixtures import (
    GATE_NOTE,
    NOW,
    ON,
    TEAM,
    default_team,
    tiny_respondents,
    tiny_team,
)
from tests.report.layout import pages, short_pages, tables_outside_margins


def test_who_answered_and_how_far_apart_their_scores_are(tiny: Questionnaire) -> None:
    view = report_view(tiny, tiny_team(tiny), GENERATED)
    c = view.consensus
    assert c is not None
    assert c.respondents == 3
    assert c.who == "Respondent 1, Respondent 2, Respondent 3"  # not named: numbered
    assert c.agreement == "50% of 4 questions without disagreement"
    ci, tracking = view.dimensions
    assert ci.score == "3.7"  # (3 + 3 x 4) / 4 = 3.75, cut down
    assert ci.spread is not None and tracking.spread is not None
    # Own scores: Ana 1, Ben 3.75, Cleo 4.25 (shown 4.2); tracking 1, 1.5, 1.5.
    assert ci.spread.range == "1.0 to 4.2"
    assert ci.spread.agreement == "0 of 2 questions without disagreement"
    assert tracking.spread.range == "1.0 to 1.5"
    assert tracking.spread.agreement == "2 of 2 questions without disagreement"
    # The bar is 160 wide for 5 levels: 32 per level; 4.25 -> 136.
    assert (ci.bar.range_low_x, ci.bar.range_high_x) == (32.0, 136.0)
    assert (tracking.bar.range_low_x, tracking.bar.range_high_x) == (32.0, 48.0)
    assert "respondents' own scores 1.0 to 4.2" in ci.bar_alt


def test_names_only_when_the_team_opted_in(tiny: Questionnaire) -> None:
    view = report_view(tiny, tiny_team(tiny, named=True), GENERATED)
    assert view.consensus is not None and view.consensus.who == "Ana, Ben, Cleo"
    html = gap_report_html(view)
    assert "Ana, Ben, Cleo" in html
    hidden = gap_report_html(report_view(tiny, tiny_team(tiny), GENERATED))
    assert not any(name in hidden for name in ("Ana", "Ben", "Cleo"))


def test_disagreements_widest_first_with_their_distribution(tiny: Questionnaire) -> None:
    c = report_view(tiny, tiny_team(tiny), GENERATED).consensus
    assert c is not None
    builds, gate = c.disagreements
    # ci-builds spans 1..5 (4 levels), ci-gate 1..4 (3 levels): the wider first.
    assert (builds.number, builds.question_number, builds.range) == (1, "1.1", "levels 1 to 5")
    assert [(x.text, x.worth, x.count, x.width) for x in builds.choices] == [
        ("None", "level 1", 1, 30.0),
        ("Some", "level 3", 1, 30.0),
        ("All", "level 5", 1, 30.0),
    ]
    assert (builds.answer, builds.answer_source) == ("Some", "lower median of 3 respondents")
    assert (gate.number, gate.range, gate.answer) == (2, "levels 1 to 4", "Yes")
    assert [(x.text, x.count, x.width) for x in gate.choices] == [("No", 1, 30.0), ("Yes", 2, 60.0)]
    assert not gate.reopened and gate.agreed_note == ""
    # The answers of the dimension point to the discussion.
    ci = report_view(tiny, tiny_team(tiny), GENERATED).dimensions[0]
    assert [a.discussion for a in ci.answers] == [1, 2]


def test_an_agreed_answer_with_its_note_and_reopened(tiny: Questionnaire) -> None:
    agreed = report_view(tiny, tiny_team(tiny, agreed="ci-gate"), GENERATED).consensus
    assert agreed is not None
    gate = agreed.disagreements[1]
    assert (gate.answer, gate.answer_source, gate.agreed_note) == (
        "Yes",
        "agreed by the team",
        GATE_NOTE,
    )
    assert not gate.reopened and agreed.reopened == 0
    stale = report_view(tiny, tiny_team(tiny, agreed="ci-gate", reopened=True), GENERATED)
    assert stale.consensus is not None
    assert stale.consensus.disagreements[1].reopened and stale.consensus.reopened == 1
    assert "reopened" in gap_report_html(stale)


def test_don_t_know_and_not_applicable_counted_apart(tiny: Questionnaire) -> None:
    # tracking-runs (levels 1, 2, 4): Ana Nowhere, Ben a tracking server, Cleo not applicable,
    # Dee don't know (counted at level 1): levels 1, 1, 4 span three levels.
    people = tiny_respondents(tiny)
    people.append(people[1].model_copy(update={"respondent": "Dee"}))
    for n, answer in (
        (1, pick_in(tiny, "tracking-runs", 3)),
        (2, Answer(skip="not-applicable")),
        (3, Answer(skip="dont-know")),
    ):
        people[n] = people[n].with_answer("tracking-runs", answer, NOW)
    result = consolidate(tiny, people, TEAM, ON, NOW)
    team = result.recorded(labels(people, False), False, {}, NOW)
    c = report_view(tiny, team, GENERATED).consensus
    assert c is not None
    runs = next(p for p in c.disagreements if p.question_id == "tracking-runs")
    # 4 respondents: a bar of 90 / 4 for each.
    assert [(x.count, x.width) for x in runs.choices] == [(1, 22.5), (0, 0.0), (1, 22.5)]
    assert runs.others == "1 don't know, 1 not applicable"
    assert runs.range == "levels 1 to 4"
    # Lower median of 1 (don't know), 1 (Nowhere), 4: don't know sorts first, so the median
    # is Nowhere.
    assert runs.answer == "Nowhere"


def test_a_dimension_without_a_score_has_no_range_mark(tiny: Questionnaire) -> None:
    # The team agreed that tracking does not apply; its respondents' own answers score it.
    people = tiny_respondents(tiny)
    first = consolidate(tiny, people, TEAM, ON, NOW)
    not_applicable = Answer(skip="not-applicable")
    settled = {
        qid: agree(first.question(qid), not_applicable, "no models yet", NOW)
        for qid in ("tracking-runs", "tracking-compare")
    }
    result = consolidate(tiny, people, TEAM, ON, NOW, agreed=settled)
    team = result.recorded(labels(people, False), False, {}, NOW)
    tracking = report_view(tiny, team, GENERATED).dimensions[1]
    assert tracking.not_scored == "not applicable"
    assert tracking.spread is not None and tracking.spread.range == "1.0 to 1.5"
    assert tracking.bar.range_low_x is None and tracking.bar.range_high_x is None
    assert "respondents' own scores" not in tracking.bar_alt
    assert bar(None, 3, 5, span=(1, 2)).range_low_x is None


def test_radar_ranges_only_on_scored_spokes() -> None:
    chart = radar([2, None, 3], [3, 3, 3], 5, size=100, margin=0, ranges=[(1, 3), (1, 2), None])
    assert len(chart.ranges) == 1
    mark = chart.ranges[0]
    # The first spoke points up from the centre (50, 50), radius 50: 10 per level.
    assert (mark.low.x, mark.low.y, mark.high.x, mark.high.y) == (50.0, 40.0, 50.0, 20.0)
    assert (mark.low_cap[0].x, mark.low_cap[1].x) == (47.0, 53.0)


def test_nothing_of_it_without_respondents(tiny: Questionnaire) -> None:
    team = tiny_team(tiny).model_copy(update={"consolidation": None})
    view = report_view(tiny, team, GENERATED)
    assert view.consensus is None
    assert all(d.spread is None and d.bar.range_low_x is None for d in view.dimensions)
    html = gap_report_html(view)
    markdown = gap_report_markdown(view)
    for text in (html, markdown):
        assert "Where the team disagrees" not in text
        assert "respondents" not in text.lower().replace("lower median of 3 respondents", "")


def test_markdown_lists_the_discussion_points(tiny: Questionnaire) -> None:
    text = gap_report_markdown(
        report_view(tiny, tiny_team(tiny, agreed="ci-gate", reopened=True), GENERATED)
    )
    assert (
        "- Consolidated from 3 respondents (Respondent 1, Respondent 2, Respondent 3): 50% of 4 "
        "questions without disagreement; 2 questions to discuss"
    ) in text
    assert "| 1 | Continuous integration | 3.7 | 3 · Defined | 4 | 0.3 | 1.0 to 4.2 |" in text
    section = text[text.index("## Where the team disagrees") : text.index("## Roadmap")]
    assert "### 1. Which share of repositories build on every push?" in section
    assert "- Yes (level 4): ██ 2" in section
    assert "Team's answer: **Yes** (agreed by the team). **Reopened**" in section
    assert f"Agreed: {GATE_NOTE}" in section
    assert section.index("### 1.") < section.index("### 2.")


def test_pdf_prints_the_section_before_the_roadmap(tiny: Questionnaire, tmp_path: Path) -> None:
    out = tmp_path / "team.pdf"
    write_gap_report(tiny, tiny_team(tiny, agreed="ci-gate"), out, generated=GENERATED)
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(out).pages]
    text = " ".join(pages)
    assert "3: Respondent 1, Respondent 2, Respondent 3 (consolidated 2026-11-02)" in pages[0]
    where = next(i for i, p in enumerate(pages) if p.startswith("Where the team disagrees"))
    roadmap = next(i for i, p in enumerate(pages) if p.startswith("Roadmap"))
    assert where < roadmap
    section = pages[where]
    for expected in (
        "3 respondents answered: Respondent 1, Respondent 2, Respondent 3.",
        "1. Which share of repositories build on every push?",
        "answers span levels 1 to 5",
        "Team's answer: Some (lower median of 3 respondents)",
        "2. Is merging blocked when the build fails?",
        "Team's answer: Yes (agreed by the team)",
        f"Agreed: {GATE_NOTE}",
    ):
        assert expected in section, expected
    assert section.index("1. Which share") < section.index("2. Is merging")
    assert "Respondents: own scores 1.0 to 4.2 · 0 of 2 questions without disagreement" in text
    assert "1.0–4.2" in text  # beside the overview's bar
    assert "Respondents disagree: discussion point 1" in text


def test_pages_of_a_consolidated_team_on_the_default_model(default_model: Questionnaire) -> None:
    # Five respondents who disagree on a few questions, two of them agreed (one reopened).
    team = default_team(default_model)
    view = report_view(default_model, team, GENERATED)
    assert view.consensus is not None and view.consensus.disagreements
    assert view.consensus.reopened == 1
    laid_out = pages(gap_report_html(view))
    assert tables_outside_margins(laid_out) == []
    assert short_pages(laid_out) == []


def test_ml_test_score_model_counts_points() -> None:
    from tests.report.conftest import DATA

    model = load_questionnaire(DATA / "mini-mlts.yaml")
    c = report_view(model, default_team(model, seed=7), GENERATED).consensus
    assert c is not None and c.disagreements
    point = c.disagreements[0]
    # Flagged only from no points to full points.
    assert point.range == "0 to 1 points"
    assert [x.worth for x in point.choices] == ["0 points", "0.5 points", "1 point"]
