"""The export's fast row building gives exactly what the plain computation gives."""

import sqlite3
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import cli
from assess.domain.answers import Resolved, resolve, upgrade
from assess.domain.assessment import NO_ANSWER, Assessment
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import DimensionScore, score
from assess.files import export
from assess.files.assessments import RESPONDENTS, load_assessment
from assess.files.export_rows import priority, ratio, real
from assess.files.questionnaires import find_questionnaire

Row = tuple[object, ...]


def plain_answer_rows(
    path: str, questionnaire: Questionnaire, assessment: Assessment, resolved: list[Resolved]
) -> list[Row]:
    """The rows of schema version 1's answers table, as it computed them (path for the id)."""
    rows: list[Row] = []
    for (dimension, question), answer in zip(questionnaire.questions(), resolved, strict=True):
        given = assessment.answers.get(question.id, NO_ANSWER)
        picked = answer.choice if answer.state == "chosen" else None
        if picked is None:
            choice, text, level, points = None, None, None, None
        else:
            choice, text, level = picked.id, picked.text, picked.level
            points = None if picked.points is None else float(picked.points)
        rows.append(
            (
                path,
                dimension.id,
                question.id,
                answer.state,
                choice,
                text,
                level,
                points,
                given.note,
                given.evidence,
                given.source,
            )
        )
    return rows


def plain_dimension_row(path: str, d: DimensionScore) -> Row:
    """A row of schema version 1's dimension_scores table (path for the id)."""

    def number(value: Fraction | None) -> float | None:
        return None if value is None else float(value)

    return (
        path,
        d.area,
        d.dimension,
        d.title,
        float(d.weight),
        number(d.score),
        d.level,
        d.target,
        number(d.gap),
        float(d.priority),
        number(d.points),
        d.questions,
        d.answered,
        d.not_applicable,
        d.dont_know,
        d.unanswered,
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo folder of 12 teams, with respondents (some unanswered questions, notes)."""
    folder = tmp_path_factory.mktemp("demo") / "demo"
    result = CliRunner().invoke(
        cli, ["demo", "--out", str(folder), "--teams", "12", "--date", "2026-11-20"]
    )
    assert result.exit_code == 0, result.output
    return folder


def test_the_answers_views_give_the_rows_of_version_1(demo: Path, tmp_path: Path) -> None:
    db = tmp_path / "org.sqlite"
    result = CliRunner().invoke(cli, ["export", str(demo), "-o", str(db)])
    assert result.exit_code == 0, result.output
    model = find_questionnaire(None, [])
    expected: dict[str, list[Row]] = {"answers": [], "respondent_answers": []}
    for path in sorted(demo.rglob("*.json")):
        assessment = load_assessment(path)
        upgraded = upgrade(assessment, model)[0]
        resolved = [resolve(q, upgraded.answer(q.id)) for _, q in model.questions()]
        table = "respondent_answers" if path.parent.name == RESPONDENTS else "answers"
        expected[table] += plain_answer_rows(str(path), model, assessment, resolved)
    states = {row[3] for row in expected["answers"]}
    assert states == {"chosen", "dont-know", "not-applicable", "unanswered"}
    assert any(row[8] for row in expected["answers"]) and expected["respondent_answers"]
    with sqlite3.connect(db) as connection:
        for table, owners, owner in (
            ("answers", "assessments", "assessment_id"),
            ("respondent_answers", "respondents", "respondent_id"),
        ):
            got = connection.execute(
                f"SELECT o.path, x.dimension, x.question, x.state, x.choice, x.choice_text,"
                f" x.level, x.points, x.note, x.evidence, x.source FROM {table} AS x"
                f" JOIN {owners} AS o USING ({owner})"
            ).fetchall()
            order = {path: n for n, path in enumerate(sorted({row[0] for row in got}))}
            positions = {q.id: n for n, (_, q) in enumerate(model.questions())}
            got.sort(key=lambda row: (order[row[0]], positions[row[2]]))
            assert got == expected[table]
            # Same types too: SQLite gives back what was stored.
            assert [tuple(map(type, row)) for row in got] == [
                tuple(map(type, row)) for row in expected[table]
            ]


def test_without_sqlite_json_functions_the_same_facts(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def facts(db: Path) -> list[Row]:
        with sqlite3.connect(db) as connection:
            return connection.execute(
                "SELECT 'a', * FROM answer_facts UNION ALL SELECT 'r', * FROM"
                " respondent_answer_facts ORDER BY 1, 2, 3"
            ).fetchall()

    with_json, without = tmp_path / "json.sqlite", tmp_path / "plain.sqlite"
    assert CliRunner().invoke(cli, ["export", str(demo), "-o", str(with_json)]).exit_code == 0
    monkeypatch.setattr(export, "has_json", lambda db: False)
    assert CliRunner().invoke(cli, ["export", str(demo), "-o", str(without)]).exit_code == 0
    rows = facts(with_json)
    assert rows == facts(without)
    assert {row[4] is None for row in rows} == {True, False}  # choices and none
    assert {row[5] is None for row in rows} == {True, False}  # sources and none


def test_the_dimension_scores_view_gives_the_rows_of_version_1(demo: Path, tmp_path: Path) -> None:
    db = tmp_path / "org.sqlite"
    assert CliRunner().invoke(cli, ["export", str(demo), "-o", str(db)]).exit_code == 0
    model = find_questionnaire(None, [])
    expected: list[Row] = []
    for path in sorted(demo.glob("*/*.json")):
        card = score(model, load_assessment(path))
        expected += [plain_dimension_row(str(path), d) for d in card.dimensions]
    with sqlite3.connect(db) as connection:
        got = connection.execute(
            "SELECT a.path, d.area, d.dimension, d.title, d.weight, d.score, d.level, d.target,"
            " d.gap, d.priority, d.points, d.questions, d.answered, d.not_applicable,"
            " d.dont_know, d.unanswered FROM dimension_scores AS d JOIN assessments AS a"
            " USING (assessment_id)"
        ).fetchall()
    positions = {d.id: n for n, (_, d) in enumerate(model.dimensions())}
    got.sort(key=lambda row: (row[0], positions[str(row[2])]))
    assert got == expected
    assert [tuple(map(type, row)) for row in got] == [tuple(map(type, row)) for row in expected]
    assert {row[8] is None for row in got} == {True, False}  # some gaps, and dimensions unscored


@pytest.mark.parametrize(
    "value",
    [Fraction(1, 3), Fraction(2, 3), Fraction(-5, 7), Fraction(10**20 + 1, 3), Fraction(7), 0, 5],
)
def test_real_is_float(value: Fraction | int) -> None:
    assert real(value) == float(value) and type(real(value)) is float
    assert real(None) is None and real(0.1) == 0.1


@pytest.mark.parametrize("gap", [None, Fraction(-1, 3), Fraction(0), Fraction(7, 3), Fraction(1)])
@pytest.mark.parametrize("weight", [Fraction(3, 10), Fraction(1), Fraction(2, 7)])
@pytest.mark.parametrize("scale", [1, 6])
def test_priority_is_the_plain_float(gap: Fraction | None, weight: Fraction, scale: int) -> None:
    score = DimensionScore(
        area="a",
        dimension="d",
        title="D",
        weight=weight,
        questions=1,
        answered=1,
        not_applicable=0,
        dont_know=0,
        unanswered=0,
        score=None if gap is None else 3 - gap,
        level=None,
        target=3,
        gap=gap,
    )
    # The gap as figures() gives it: not in lowest terms.
    pair = None if gap is None else (gap.numerator * scale, gap.denominator * scale)
    expected = float(score.priority)
    assert priority(pair, weight) == expected and type(priority(pair, weight)) is float


def test_ratio_is_float_of_the_fraction() -> None:
    for pair in [(1, 3), (2, 6), (-10, 14), (10**20 + 1, 3), (6, 2)]:
        assert ratio(pair) == float(Fraction(*pair))
    assert ratio(None) is None
