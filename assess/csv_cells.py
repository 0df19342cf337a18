"""CSV that a spreadsheet opens as data, never as formulas.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula, which can compute, fetch a URL or start a program ("CSV
injection"). As OWASP recommends, such a text cell is written with a single quote in front, which
the spreadsheet shows as text and does not evaluate, and text cells are quoted. Numbers the tool
writes are ints and floats, not text, and stay as they are, so a negative gap is still a number.
Booleans are written `true` and `false`, unquoted, as spreadsheets, pandas and DuckDB read them
(Python's csv module would write `True` and `False`).

A leaf (stdlib only), so that every layer writing CSV (reports, files) shares the one rule.
"""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Writable(Protocol):
    """Where CSV goes: a text file, a StringIO, or anything with write()."""

    def write(self, text: str, /) -> int: ...


class _Boolean(int):
    """A boolean the csv writer prints as `true` or `false`: an int to the writer, so that
    QUOTE_NONNUMERIC leaves it unquoted like the other numbers."""

    def __str__(self) -> str:
        return "true" if self else "false"

    __repr__ = __str__


def csv_cell(value: Any) -> Any:
    """The value to give the csv writer: text that would start a formula gets a leading quote;
    None becomes an empty cell; booleans become `true`/`false`; numbers are left as they
    are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _Boolean(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(v) for v in values]


def write_csv(out: Writable, header: Sequence[str], records: Iterable[Mapping[str, Any]]) -> None:
    """A header line and one line per record (keys as in header), every cell made safe by
    `csv_cell`; records are written as they come, so a long iterator is never held whole."""
    # Text in double quotes as OWASP advises (a carriage return inside a name then stays inside
    # its cell too); our numbers unquoted, so they read as numbers.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(csv_row(header))
    for record in records:
        writer.writerow(csv_row(record[k] for k in header))


def csv_text(header: Sequence[str], records: Iterable[Mapping[str, Any]]) -> str:
    """The same as text."""
    out = io.StringIO()
    write_csv(out, header, records)
    return out.getvalue()
