"""Importing a form's CSV export: every bad cell at once, all or nothing, no duplicates."""

from pathlib import Path

import pytest

from assess.domain.questionnaire import Questionnaire
from assess.errors import AssessError
from assess.files.form_import import column_name, read_responses, write_rows
from assess.files.respondents import team_respondents
from tests.conftest import NOW, TODAY

HEADER = (
    '"Timestamp","Email Address","WHICH share of repositories  build on every push?",'
    '"ci-gate","Where are training runs recorded?","Comments, if any"\r\n'
)


def export(bad: str | None = None) -> bytes:
    """Twelve respondents as Google Forms writes them: BOM, CRLF, quoted commas and newlines."""
    builds = [
        "None",
        "some",
        "ALL",
        " Some ",
        "all",
        "none",
        "Don't know",
        "some",
        "all",
        "Some",
        "None",
        "some",
    ]
    gates = [
        "Yes",
        "no",
        "yes",
        "No",
        "Yes",
        "yes",
        "no",
        "Yes",
        "don\u2019t know",
        "Yes",
        "No",
        "yes",
    ]
    runs = [
        "In a spreadsheet",
        "nowhere",
        "N/A",
        "In a tracking server",
        "",
        "in-a-spreadsheet",
        "Nowhere",
        "Not applicable",
        "In a tracking server",
        "Nowhere",
        "In a spreadsheet",
        "in a tracking server",
    ]
    if bad is not None:
        gates[6] = bad
    lines = [HEADER]
    for n in range(12):
        comment = '"we use Jenkins, mostly\nand some GitHub Actions"' if n % 3 == 0 else '""'
        lines.append(
            f'"2026/11/1{n % 10} 10:0{n % 10}:00 GMT+1","p{n}@example.com",'
            f'"{builds[n]}","{gates[n]}","{runs[n]}",{comment}\r\n'
        )
    return "\ufeff".encode() + "".join(lines).encode()


def test_column_letters() -> None:
    assert [column_name(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_every_bad_cell_named_and_nothing_written(tmp_path: Path, tiny: Questionnaire) -> None:
    source = tmp_path / "responses.csv"
    source.write_bytes(export(bad="Maybe").replace(b'"ALL"', b'"Everything"'))
    with pytest.raises(AssessError) as caught:
        read_responses(source, tiny, "Payments", TODAY, NOW)
    lines = [line.split("/")[-1] for line in caught.value.message.splitlines()]
    assert lines[0].startswith("responses.csv: row 4, column C (WHICH share of repositories bu")
    assert "'Everything' is none of the allowed values: None, Some, All, Don't know" in lines[0]
    assert lines[1].startswith("responses.csv: row 8, column D (ci-gate): 'Maybe'")
    assert lines[1].endswith("No, Yes, Don't know")
    assert "nothing imported" in lines[-1] and len(lines) == 3
    assert not (tmp_path / "assessments").exists()


def test_not_applicable_only_where_allowed(tmp_path: Path, tiny: Questionnaire) -> None:
    source = tmp_path / "responses.csv"
    source.write_bytes(export(bad="n/a"))
    with pytest.raises(AssessError, match="'n/a' is not allowed for this question"):
        read_responses(source, tiny, "Payments", TODAY, NOW)


def test_valid_export_imports_once(tmp_path: Path, tiny: Questionnaire) -> None:
    source = tmp_path / "responses.csv"
    source.write_bytes(export())
    root = tmp_path / "assessments"
    rows, left_out = read_responses(source, tiny, "Payments", TODAY, NOW)
    assert left_out == ["Comments, if any"] and len(rows) == 12
    first = rows[0].respondent
    assert first.anonymous and first.respondent == "" and first.status == "complete"
    assert first.answers["ci-builds"].choice == "none"
    assert first.answers["ci-gate"].choice == "yes"
    assert first.answers["tracking-runs"].choice == "in-a-spreadsheet"
    assert rows[2].respondent.answers["tracking-runs"].skip == "not-applicable"
    assert rows[6].respondent.answers["ci-builds"].skip == "dont-know"
    assert "tracking-runs" not in rows[4].respondent.answers  # empty cell: unanswered
    written, skipped = write_rows(root, rows)
    assert (len(written), skipped) == (12, 0)
    again, _ = read_responses(source, tiny, "Payments", TODAY, NOW)
    assert write_rows(root, again) == ([], 12)
    assert len(team_respondents(root, "Payments")) == 12


def test_respondent_column_only_when_asked(tmp_path: Path, tiny: Questionnaire) -> None:
    source = tmp_path / "responses.csv"
    source.write_bytes(export())
    rows, _ = read_responses(source, tiny, "Payments", TODAY, NOW, "email address")
    assert rows[3].respondent.respondent == "p3@example.com" and not rows[3].respondent.anonymous
    with pytest.raises(AssessError, match=r"no column 'mail'.*Timestamp, Email Address"):
        read_responses(source, tiny, "Payments", TODAY, NOW, "mail")


def test_identical_rows_are_two_respondents(tmp_path: Path, tiny: Questionnaire) -> None:
    source = tmp_path / "r.csv"
    source.write_text("ci-builds;ci-gate\nSome;Yes\nSome;Yes\n", encoding="utf-8")
    rows, _ = read_responses(source, tiny, "Payments", TODAY, NOW)
    assert len({row.key for row in rows}) == 2
    assert len(write_rows(tmp_path, rows)[0]) == 2
