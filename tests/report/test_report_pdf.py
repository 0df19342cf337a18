"""Rendered PDFs, read back with pypdf: a full and a half-finished assessment of each model.

PDF renders cost a second or more each, so each case renders once and asserts everything."""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from assess.bundled import templates_dir
from assess.domain.assessment import Assessment
from assess.domain.numbers import shown
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import score
from assess.report.gap_report import write_gap_report
from assess.report.render import FetchLog, MissingGlyphs
from tests.report.conftest import (
    CJK_CHARS,
    GENERATED,
    NOTE,
    TEAM,
    answered,
    choice,
    cjk_font_installed,
    without_cjk,
)


@dataclass
class Rendered:
    pages: list[str]
    """Each page's text, whitespace collapsed."""
    fetched: FetchLog
    reader: PdfReader
    missing: MissingGlyphs
    """The characters no installed font had."""

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def shows(self, text: str, page: int | None = None) -> bool:
        """Whether text is printed, ignoring where lines wrap (and, without a CJK font, the CJK
        characters, which print as empty boxes)."""
        where = self.text if page is None else self.pages[page]
        if not cjk_font_installed():
            text = without_cjk(text)
        return squeeze(text) in squeeze(where)


def squeeze(text: str) -> str:
    return "".join(text.split())


def render(
    questionnaire: Questionnaire,
    assessment: Assessment,
    out: Path,
    accessible: bool = False,
    keep_cjk: bool = False,
) -> Rendered:
    """The report as rendered and read back. Without a CJK font installed the CJK characters are
    left out (unless keep_cjk): pypdf cannot read back the text of a PDF whose fonts lack glyphs
    (WeasyPrint then writes an encoding pypdf does not decode; poppler reads it)."""
    if not keep_cjk and not cjk_font_installed():
        assessment = printable_without_cjk(assessment)
    log = FetchLog()
    missing = write_gap_report(
        questionnaire, assessment, out, generated=GENERATED, fetch_log=log, accessible=accessible
    )
    reader = PdfReader(out)
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    return Rendered(pages, log, reader, missing)


def printable_without_cjk(assessment: Assessment) -> Assessment:
    answers = {
        qid: answer.model_copy(
            update={"note": without_cjk(answer.note), "evidence": without_cjk(answer.evidence)}
        )
        for qid, answer in assessment.answers.items()
    }
    return assessment.model_copy(
        update={
            "team": without_cjk(assessment.team),
            "assessors": [without_cjk(name) for name in assessment.assessors],
            "answers": answers,
        }
    )


def font_names(reader: PdfReader) -> set[str]:
    """The fonts embedded in a PDF's pages, e.g. '/ABCDEF+DejaVu-Sans'."""
    names = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        fonts: Any = resources.get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def flatten(outline: list[Any]) -> list[Any]:
    """A PDF outline (nested lists of bookmarks) as one list, in order."""
    items = []
    for item in outline:
        items.extend(flatten(item) if isinstance(item, list) else [item])
    return items


def only_templates_fetched(log: FetchLog) -> bool:
    root = templates_dir().resolve().as_uri() + "/"
    return log.refused == [] and all(url.startswith(root) for url in log.requested)


def check_report(
    questionnaire: Questionnaire, assessment: Assessment, r: Rendered, pages: range
) -> None:
    card = score(questionnaire, assessment)
    assert len(r.pages) in pages
    assert r.shows(assessment.team, page=0)
    for _, dimension in questionnaire.dimensions():
        assert r.shows(dimension.title)
    for d in card.dimensions:
        if d.gap is not None:
            assert r.shows(f"gap {shown(d.gap, up=True)}")
    for n, page in enumerate(r.pages, start=1):
        assert f"Page {n} of {len(r.pages)}" in page
        assert ("Draft:" in page) is (not card.complete or assessment.status != "complete")
    assert only_templates_fetched(r.fetched)


@pytest.mark.parametrize("case", ["tiny_full", "tiny_half", "mlts_full", "mlts_half"])
def test_hand_made_assessments(case: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    model = request.getfixturevalue("tiny" if case.startswith("tiny") else "mini_mlts")
    assessment = request.getfixturevalue(case)
    r = render(model, assessment, tmp_path / "report.pdf")
    check_report(model, assessment, r, range(7, 11))
    assert "Contents" in r.pages[1] and "Executive summary" in r.pages[2]
    if case == "tiny_full":
        assert r.shows(NOTE)
        fonts = font_names(r.reader)
        assert any("DejaVu" in name for name in fonts), fonts
        assert r.missing == MissingGlyphs()
        if cjk_font_installed():
            # The team name and note print with real fonts: DejaVu for Latin, Greek and
            # Cyrillic, a CJK font for the Japanese (none of them empty boxes).
            assert any("CJK" in name for name in fonts), fonts
        bookmarks = [item.title for item in flatten(r.reader.outline)]
        assert bookmarks[:5] == [
            "Contents",
            "Executive summary",
            "Top gaps",
            "Strongest dimensions",
            "Completeness",
        ]
        assert {"1. Continuous integration", "2. Experiment tracking", "Roadmap"} <= set(bookmarks)
        assert "Overall score of" in r.pages[2] and "2.1" in r.pages[2]
    if case.endswith("half"):
        # The watermark is an image of outlines, fetched from the templates: the text of a
        # draft's cover (or any page) has no stray letters of it.
        assert any(url.endswith("/draft-mark.svg") for url in r.fetched.requested)
        assert not re.search(r"D\s*R\s*A\s*F\s*T", r.text)
        assert "DRAFT" not in r.text
    if case.startswith("mlts"):
        assert "ML Test Score" in r.text and "How to read the final score" in r.text
    if case == "mlts_full":
        assert "Final score 0 of at most 2" in r.text


def test_cjk_text_prints_with_a_cjk_font_or_names_the_missing_package(
    tiny: Questionnaire, tiny_full: Assessment, tmp_path: Path
) -> None:
    r = render(tiny, tiny_full, tmp_path / "report.pdf", keep_cjk=True)
    assert len(r.reader.pages) >= 7
    if cjk_font_installed():
        assert r.missing == MissingGlyphs()
        assert any("CJK" in name for name in font_names(r.reader))
    else:
        # Exactly the CJK characters of the team, the assessors and the note are missing; the
        # warning names them and the package that brings them.
        assert set(r.missing.chars) == CJK_CHARS
        warning = r.missing.warning() or ""
        assert "fonts-noto-cjk" in warning and "東 京 チ ー ム" in warning


@pytest.mark.parametrize("complete", [True, False], ids=["full", "half"])
def test_default_model(
    complete: bool,
    default_model: Questionnaire,
    default_samples: list[Assessment],
    tmp_path: Path,
) -> None:
    assessment = next(a for a in default_samples if (a.status == "complete") is complete)
    r = render(default_model, assessment, tmp_path / "report.pdf")
    dimensions = sum(1 for _ in default_model.dimensions())
    check_report(default_model, assessment, r, range(7, 10 + 2 * dimensions))
    # The executive summary is one page: it starts on page 3 and ends before page 4.
    summary = " ".join(r.pages[2].split())
    assert "Executive summary" in summary and "Overview" not in summary
    for part in ("Top gaps", "Strongest dimensions", "Completeness"):
        assert part in summary
    card = score(default_model, assessment)
    assert card.dora is not None
    if complete:
        # The overview of all 34 dimensions is one page: the page after the summary.
        for _, dimension in default_model.dimensions():
            assert squeeze(dimension.title) in squeeze(r.pages[3]), dimension.title
    if card.dora.cluster is not None:
        assert f"{card.dora.cluster.capitalize()} cluster" in summary
    else:
        assert "Not placed" in summary
    assert card.dora.source in summary
    # The method chapter gives the distance to every cluster of the 2024 benchmark.
    assert "2024 benchmark clusters" in " ".join(r.text.split())
    for distance in card.dora.distances.values():
        assert f"{distance:.2f}" in r.text


def test_accessible_pdf_is_tagged_with_language_title_and_chart_alternatives(
    mini_mlts: Questionnaire, mlts_full: Assessment, tmp_path: Path
) -> None:
    r = render(mini_mlts, mlts_full, tmp_path / "report.pdf", accessible=True)
    root: Any = r.reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert r.reader.metadata is not None
    team = TEAM if cjk_font_installed() else without_cjk(TEAM)
    assert r.reader.metadata.title == f"Maturity gap report: {team}"
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp
    elements = structure(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/Table", "/Figure"} <= {tag for tag, _ in elements}
    figures = [alt for tag, alt in elements if tag == "/Figure"]
    assert all(figures), "every chart needs a text alternative"
    assert any(alt.startswith("Radar chart of current score against target") for alt in figures)
    assert any(alt.startswith("Tests for ML monitoring: score 3.0 of 5") for alt in figures)


def structure(node: Any) -> list[tuple[str, str]]:
    """(structure type, text alternative or '') of every element of a tagged PDF."""
    elements = []
    pending = [node]
    while pending:
        item = pending.pop().get_object()
        if isinstance(item, list):
            pending.extend(item)
            continue
        if not hasattr(item, "get"):
            continue
        if "/S" in item:
            elements.append((str(item["/S"]), str(item.get("/Alt", ""))))
        if "/K" in item:
            pending.append(item["/K"])
    return elements


HOSTILE = [
    '<img src="file:///etc/passwd">',
    "{{ 7*7 }}",
    "</style><h1>x",
    '<link rel="attachment" href="file:///etc/passwd">',
    "{% raw %}x",
]


def test_hostile_text_prints_literally_and_fetches_nothing(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    team = " ".join(HOSTILE[:3])
    assessment = answered(
        tiny,
        {
            "ci-builds": choice(2, note=HOSTILE[0], evidence=HOSTILE[3]),
            "ci-gate": choice(1, note=HOSTILE[1], evidence=HOSTILE[2]),
            "tracking-runs": choice(1, note=HOSTILE[4]),
        },
        team=team,
    )
    assessment = assessment.model_copy(update={"assessors": [HOSTILE[2]]})
    r = render(tiny, assessment, tmp_path / "report.pdf")
    for text in HOSTILE:
        assert r.shows(text)
    assert team in r.pages[-1]  # the running header, on one line
    assert "49" not in r.text
    assert only_templates_fetched(r.fetched)
    assert b"/EmbeddedFile" not in (tmp_path / "report.pdf").read_bytes()
