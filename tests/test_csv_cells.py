import csv
import io

import pytest

from assess.csv_cells import csv_cell, csv_text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+41 cmd", "'+41 cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\r=x", "'\r=x"),
        ("Payments", "Payments"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (-1.25, -1.25),
        (3, 3),
        (True, True),
    ],
)
def test_formulas_are_neutralised_numbers_kept(value: object, written: object) -> None:
    assert csv_cell(value) == written


def test_csv_text_reads_back_as_the_neutralised_cells() -> None:
    text = csv_text(
        ["team", "gap"], [{"team": "=cmd|'/c calc'!A1", "gap": -0.5}, {"team": "ok", "gap": None}]
    )
    assert list(csv.reader(io.StringIO(text))) == [
        ["team", "gap"],
        ["'=cmd|'/c calc'!A1", "-0.5"],
        ["ok", ""],
    ]


def test_booleans_are_true_and_false_unquoted() -> None:
    text = csv_text(
        ["team", "complete", "latest"], [{"team": "A", "complete": True, "latest": False}]
    )
    assert text.splitlines() == ['"team","complete","latest"', '"A",true,false']
    assert list(csv.reader(io.StringIO(text)))[1] == ["A", "true", "false"]
