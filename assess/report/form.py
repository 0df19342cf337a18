"""`assess form`: a questionnaire as a template for a spreadsheet or an online form.

CSV (a spreadsheet, or the columns of a form tool): the first column is `respondent`, then one
column per question, headed by the question id. Two rows follow the header, marked in the first
column: `#question` with the question texts and `#choices` with the allowed values (the choice
texts, then "Don't know" and, where the question allows it, "Not applicable", separated by
" | "). Each respondent fills one row below them. `assess import` skips the marked rows and
reads headers as ids or question texts and cells as choice texts or ids, so the export of a
form built from the Markdown (question texts as titles, choice texts as options) reads as well.

Markdown: the questions by area and dimension, each with its id, its help and its choices, to
build a form in a form tool (one multiple-choice question per item).
"""

from assess.csv_cells import csv_text
from assess.domain.questionnaire import Question, Questionnaire
from assess.report.md_text import md

DONT_KNOW = "Don't know"
NOT_APPLICABLE = "Not applicable"
TEXT_ROW = "#question"
CHOICES_ROW = "#choices"
RESPONDENT = "respondent"
SEPARATOR = " | "


def allowed(question: Question) -> list[str]:
    """The values a respondent may give, as a form offers them."""
    extra = [DONT_KNOW] + ([NOT_APPLICABLE] if question.allow_not_applicable else [])
    return [c.text for c in question.choices] + extra


def form_csv(questionnaire: Questionnaire) -> str:
    questions = [q for _, q in questionnaire.questions()]
    header = [RESPONDENT] + [q.id for q in questions]
    texts = {RESPONDENT: TEXT_ROW} | {q.id: q.text for q in questions}
    choices = {RESPONDENT: CHOICES_ROW} | {q.id: SEPARATOR.join(allowed(q)) for q in questions}
    return csv_text(header, [texts, choices])


def form_markdown(questionnaire: Questionnaire) -> str:
    lines = [
        f"# {md(questionnaire.title)} {md(questionnaire.version)}: form",
        "",
        f"Questionnaire `{questionnaire.id}`. One multiple-choice question per item below; "
        "answer exactly one choice each (a question left empty counts as unanswered). Give each "
        "form question the title shown (or the id) so that `assess import` finds it.",
    ]
    for area in questionnaire.areas:
        lines += ["", f"## {md(area.title)}"]
        for dimension in area.dimensions:
            lines += ["", f"### {md(dimension.title)}"]
            for question in dimension.questions:
                lines += ["", f"**{md(question.text)}** (`{question.id}`)"]
                if question.help:
                    lines += ["", md(question.help)]
                lines += [""] + [f"- {md(text)}" for text in allowed(question)]
    return "\n".join(lines) + "\n"
