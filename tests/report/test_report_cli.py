from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import cli, export_pdf
from assess.domain.assessment import Assessment
from assess.domain.questionnaire import Questionnaire
from assess.files.assessments import save_assessment
from tests.report.conftest import DATA, cjk_font_installed


@pytest.fixture
def saved(tmp_path: Path, tiny_full: Assessment) -> Path:
    path = tmp_path / "team" / "2026-11-02-tiny.yaml"
    save_assessment(tiny_full, path)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--questionnaires", str(DATA)])
    return result.exit_code, result.stdout, result.stderr


def test_report_writes_a_pdf_beside_the_assessment(saved: Path) -> None:
    code, out, _ = run("report", str(saved))
    pdf = saved.with_suffix(".pdf")
    assert code == 0 and out.strip() == f"wrote {pdf}"
    assert pdf.read_bytes().startswith(b"%PDF")


def test_report_warns_once_about_characters_no_font_has(saved: Path) -> None:
    code, _, err = run("report", str(saved))
    assert code == 0
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    if cjk_font_installed():
        assert warnings == []
    else:
        assert len(warnings) == 1 and "fonts-noto-cjk" in warnings[0]
        assert "東" in warnings[0]
    assert ".notdef" not in err


def test_report_formats_and_output_path(saved: Path, tmp_path: Path) -> None:
    code, _, _ = run("report", str(saved), "--format", "md")
    assert code == 0
    assert saved.with_suffix(".md").read_text().startswith("# Maturity gap report:")
    target = tmp_path / "report.html"
    code, _, _ = run("report", str(saved), "-o", str(target), "--paper", "letter")
    assert code == 0
    html = target.read_text()
    assert html.startswith("<!DOCTYPE html>") and "size: letter" in html
    code, _, _ = run("report", str(saved), "-o", str(tmp_path / "notes.markdown"))
    assert code == 0
    assert (tmp_path / "notes.markdown").read_text().startswith("# Maturity gap report:")
    code, _, _ = run("report", str(saved), "--format", "md", "-o", str(tmp_path / "README"))
    assert code == 0 and (tmp_path / "README").read_text().startswith("# Maturity gap report:")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "md", "-o", "x.pdf"], "x.pdf: --format md contradicts the suffix .pdf (pdf)"),
        (["-o", "x.docx"], "x.docx: no format has the suffix .docx; use one of .pdf, .html"),
        (["-o", "report"], "report: no suffix to tell the format by"),
        (["-o", "missing/x.pdf"], "x.pdf: the folder"),
    ],
    ids=["contradiction", "unknown-suffix", "no-suffix", "missing-folder"],
)
def test_report_output_name_and_format_must_agree(
    saved: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    args = [str(tmp_path / a) if a.startswith(("x.", "report", "missing")) else a for a in args]
    code, out, err = run("report", str(saved), *args)
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("error: ") and message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team"]  # nothing written


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("format: assess-assessment/1\nteam: [unclosed\n", "2026-11-02-tiny.yaml"),
        ("just text\n", "2026-11-02-tiny.yaml"),
    ],
    ids=["missing", "damaged", "not-an-assessment"],
)
def test_report_explains_a_bad_file_in_one_line(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "2026-11-02-tiny.yaml"
    if content is not None:
        path.write_text(content)
    code, out, err = run("report", str(path))
    assert code == 1 and out == ""
    assert err.startswith("error: ") and message in err.lower()
    assert "Traceback" not in err
    assert not path.with_suffix(".pdf").exists()
    if content is not None:
        assert path.read_text() == content


def test_report_refuses_to_overwrite_its_input(saved: Path) -> None:
    named_like_a_report = saved.rename(saved.with_suffix(".md"))
    code, _, err = run("report", str(named_like_a_report), "-o", str(named_like_a_report))
    assert code == 1 and "refusing to write over an assessment" in err


def test_help_does_not_import_weasyprint() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from assess.cli import main; sys.argv = ['assess', 'report', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'weasyprint' not in sys.modules and 'jinja2' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_pdf_exporter_for_the_tui(
    tiny: Questionnaire, tiny_full: Assessment, tmp_path: Path
) -> None:
    target = tmp_path / "exports" / "report.pdf"
    assert export_pdf(tiny, tiny_full, target) == target
    assert target.read_bytes().startswith(b"%PDF")
