"""`assess import`: the CSV export of a form (or the filled-in `assess form` template) as one
respondent file per row.

Headers may be question ids or question texts; cells may be a choice's text or id, "Don't know"
or, where the question allows it, "Not applicable" (case, spaces and curly apostrophes do not
matter). A timestamp column is ignored, and so is an e-mail or name column unless it is asked for
as the respondent's name; otherwise respondents are anonymous. Every bad cell is reported at once,
with its row (as a spreadsheet numbers it, the header being row 1), column and the allowed values,
and nothing is written unless every row is valid.

Each row's file name ends in a key derived from the row's content (its cells under their
headers, and how many identical rows came before it), so importing the same export again, or a
later export with more rows, adds only the rows not imported yet.
"""

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from assess.atomic import create_exclusively
from assess.domain.answers import answer_for
from assess.domain.assessment import Answer, Assessment, new_assessment
from assess.domain.questionnaire import Question, Questionnaire
from assess.errors import AssessError
from assess.files.assessments import SUFFIX, to_json
from assess.files.reading import ASSESSMENT_LIMIT, read_bytes
from assess.files.respondents import folder, name_slug
from assess.files.yaml_source import display

DONT_KNOW = {"don't know", "dont know", "dont-know", "do not know", "unknown"}
NOT_APPLICABLE = {"not applicable", "not-applicable", "n/a", "na"}
TIMESTAMPS = {
    "timestamp",
    "time",
    "date",
    "submitted",
    "submitted at",
    "submission time",
    "start time",
    "completion time",
    "last modified time",
    "created",
    "id",
}
IGNORED = {"respondent", "name", "email", "e-mail", "email address", "e-mail address"}
MAX_ERRORS = 50
_KEY = 10


def normal(text: str) -> str:
    """Text compared as people mean it: case, runs of spaces and curly quotes ignored."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\ufeff", "")
    return " ".join(text.split()).casefold()


def column_name(index: int) -> str:
    """A spreadsheet's column letters: 0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


@dataclass(frozen=True)
class Row:
    """One valid respondent row: the spreadsheet row number, the key, the respondent."""

    number: int
    key: str
    respondent: Assessment


def _reading(path: Path) -> list[list[str]]:
    data = read_bytes(path, ASSESSMENT_LIMIT, "a CSV file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("utf-16")  # Excel's "Unicode text"
        except UnicodeError:
            raise AssessError(f"{display(path)}: not UTF-8 text; export the CSV as UTF-8") from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)  # Excel writes ';' in some locales
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise AssessError(f"{display(path)}: not readable as CSV ({error})") from None


def _allowed(question: Question) -> str:
    values = [c.text for c in question.choices] + ["Don't know"]
    if question.allow_not_applicable:
        values.append("Not applicable")
    return ", ".join(values)


def _answer(question: Question, cell: str) -> Answer | str | None:
    """The answer in a cell; None for an empty cell; a str saying why the cell is bad."""
    value = normal(cell)
    if not value:
        return None
    for choice in question.choices:
        if value in (normal(choice.text), normal(choice.id)):
            return answer_for(question, choice)
    if value in DONT_KNOW:
        return Answer(skip="dont-know")
    if value in NOT_APPLICABLE:
        if question.allow_not_applicable:
            return Answer(skip="not-applicable")
        return f"'{cell.strip()}' is not allowed for this question; allowed: {_allowed(question)}"
    return f"'{cell.strip()}' is none of the allowed values: {_allowed(question)}"


def read_responses(
    path: Path,
    questionnaire: Questionnaire,
    team: str,
    on: date,
    now: datetime,
    respondent_column: str | None = None,
) -> tuple[list[Row], list[str]]:
    """The valid rows of the CSV at path, and the headers left out (neither a question, a
    timestamp nor a known name column); raises AssessError listing every bad cell."""
    rows = _reading(path)
    name = display(path)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise AssessError(f"{name}: no header row")
    header = rows[0]
    by_key: dict[str, Question] = {}
    for _, question in questionnaire.questions():
        by_key.setdefault(normal(question.id), question)
        by_key.setdefault(normal(question.text), question)
    columns: dict[int, Question] = {}
    who: int | None = None
    left_out: list[str] = []
    taken: dict[str, int] = {}
    for index, title in enumerate(header):
        key = normal(title)
        if respondent_column is not None and key == normal(respondent_column):
            who = index
        elif key in by_key:
            question = by_key[key]
            if question.id in taken:
                raise AssessError(
                    f"{name}: columns {column_name(taken[question.id])} and "
                    f"{column_name(index)} both hold question '{question.id}'"
                )
            taken[question.id] = index
            columns[index] = question
        elif key and key not in TIMESTAMPS and key not in IGNORED:
            left_out.append(title.strip())
    if respondent_column is not None and who is None:
        raise AssessError(
            f"{name}: no column '{respondent_column}' for --respondent-column; the headers are: "
            + ", ".join(h.strip() for h in header if h.strip())
        )
    if not columns:
        raise AssessError(
            f"{name}: no column is headed by a question id or text of '{questionnaire.id}'"
        )
    errors: list[str] = []
    valid: list[Row] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells) or cells[0].strip().startswith("#"):
            continue  # a blank line, or the template's question texts and allowed values
        answers: dict[str, Answer] = {}
        for index, question in columns.items():
            cell = cells[index] if index < len(cells) else ""
            result = _answer(question, cell)
            if isinstance(result, str):
                errors.append(
                    f"{name}: row {number}, column {column_name(index)} "
                    f"({' '.join(header[index].split())[:60]}): {result}"
                )
            elif result is not None:
                source = f"form import of {path.name}, row {number}"
                answers[question.id] = result.model_copy(update={"source": source})
        person = cells[who].strip() if who is not None and who < len(cells) else ""
        content = "\x1f".join(
            f"{normal(h)}={c.strip()}" for h, c in zip(header, cells, strict=False)
        )
        digest = hashlib.sha256(f"{questionnaire.id}\x1e{team}\x1e{content}".encode()).hexdigest()
        seen[digest] = seen.get(digest, 0) + 1
        key = hashlib.sha256(f"{digest}:{seen[digest]}".encode()).hexdigest()[:_KEY]
        fresh = new_assessment(questionnaire, team, [], on, now)
        respondent = fresh.model_copy(
            update={
                "answers": answers,
                "respondent": person,
                "anonymous": not person,
                "status": "complete",
            }
        )
        valid.append(Row(number, key, respondent))
    if errors:
        shown = errors[:MAX_ERRORS]
        if len(errors) > MAX_ERRORS:
            shown.append(f"{name}: and {len(errors) - MAX_ERRORS} more bad cells")
        raise AssessError("\n".join([*shown, f"{name}: nothing imported; correct the cells"]))
    if not valid:
        raise AssessError(f"{name}: no respondent rows below the header")
    return valid, left_out


def imported_path(root: Path, row: Row) -> Path:
    r = row.respondent
    who = name_slug(r.respondent) if r.respondent else "response"
    stem = f"{r.date.isoformat()}-{r.questionnaire}-{who}-{row.key}"
    return folder(root, r.team) / f"{stem}{SUFFIX}"


def already_imported(root: Path, team: str) -> set[str]:
    """The row keys of the team's respondent files that came from an import."""
    where = folder(root, team)
    if not where.is_dir():
        return set()
    pattern = re.compile(rf"-([0-9a-f]{{{_KEY}}}){re.escape(SUFFIX)}$")
    return {m.group(1) for p in where.iterdir() if (m := pattern.search(p.name))}


def write_rows(root: Path, rows: list[Row]) -> tuple[list[Path], int]:
    """Writes the rows not imported before; returns the files written and the rows skipped."""
    if not rows:
        return [], 0
    known = already_imported(root, rows[0].respondent.team)
    written: list[Path] = []
    skipped = 0
    for row in rows:
        target = imported_path(root, row)
        if row.key in known or not create_exclusively(target, to_json(row.respondent).encode()):
            skipped += 1
            continue
        written.append(target)
    return written, skipped
