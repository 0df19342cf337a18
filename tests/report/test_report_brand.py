"""A branded gap report and comparison: name, logo, footer; the fetcher serves the logo alone."""

import io
from pathlib import Path

from pypdf import PdfReader

from assess.domain.assessment import Assessment
from assess.domain.questionnaire import Questionnaire
from assess.files.brand import load_brand
from assess.report.gap_report import gap_report_html, report_view, write_gap_report
from assess.report.render import FetchLog
from tests.conftest import DATA
from tests.report.conftest import GENERATED, answered, choice

BRAND = DATA / "brand"


def text_of(reader: PdfReader, page: int) -> str:
    # Some font set-ups extract as UTF-16 code units; the words are what matter here.
    return reader.pages[page].extract_text().replace("\x00", "")


def payments(tiny: Questionnaire) -> Assessment:
    return answered(tiny, {q.id: choice(1) for _, q in tiny.questions()}, team="Payments")


def test_branded_pdf_has_logo_name_footer_and_fetches_nothing_else(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    tiny_full = payments(tiny)
    out = tmp_path / "report.pdf"
    log = FetchLog()
    brand = load_brand(BRAND / "brand.yaml")
    write_gap_report(tiny, tiny_full, out, generated=GENERATED, fetch_log=log, brand=brand)
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    cover = text_of(reader, 0)
    assert "Northwind Consulting" in cover
    assert "prepared for Example Corp" in text_of(reader, 2)  # "fi" may extract as a ligature
    assert len(reader.pages[0].images) == 1
    assert log.refused == []
    assert [u for u in log.requested if u.startswith("data:")] == [
        u for u in log.requested if u.startswith("data:image/png;base64,")
    ]
    assert any(u.startswith("data:image/png;base64,") for u in log.requested)


def test_svg_logo_cannot_reach_other_files(
    tiny: Questionnaire, tiny_full: Assessment, tmp_path: Path
) -> None:
    (tmp_path / "brand.yaml").write_text("name: Northwind\nlogo: peeking.svg\n")
    (tmp_path / "peeking.svg").write_bytes((BRAND / "peeking.svg").read_bytes())
    log = FetchLog()
    brand = load_brand(tmp_path / "brand.yaml")
    out = tmp_path / "report.pdf"
    write_gap_report(tiny, tiny_full, out, generated=GENERATED, fetch_log=log, brand=brand)
    assert "file:///etc/hostname" in log.refused
    assert out.read_bytes().startswith(b"%PDF")


def test_default_look_has_no_brand_markup(tiny: Questionnaire, tiny_full: Assessment) -> None:
    html = gap_report_html(report_view(tiny, tiny_full, GENERATED))
    assert "brand" not in html and "bottom-center" not in html


def test_report_and_compare_take_brand_from_the_command_line(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from assess.cli import cli
    from assess.files.assessments import new_path, save_assessment

    models = tmp_path / "models"
    models.mkdir()
    (models / "tiny.yaml").write_text((DATA / "tiny.yaml").read_text())
    assessment = payments(tiny)
    path = new_path(tmp_path / "assessments", assessment)
    save_assessment(assessment, path)
    brand = str(BRAND / "brand.yaml")
    runner = CliRunner()
    for args, out in (
        (["report", str(path)], tmp_path / "r.pdf"),
        (["compare", str(tmp_path / "assessments")], tmp_path / "c.pdf"),
    ):
        result = runner.invoke(
            cli, [*args, "-o", str(out), "--brand", brand, "--questionnaires", str(models)]
        )
        assert result.exit_code == 0, result.output
        assert "Northwind Consulting" in text_of(PdfReader(out), 0)
    result = runner.invoke(
        cli,
        [
            "report",
            str(path),
            "--brand",
            str(tmp_path / "none.yaml"),
            "--questionnaires",
            str(models),
        ],
    )
    assert result.exit_code == 1 and "none.yaml: no such file" in result.stderr
