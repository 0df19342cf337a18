import logging
from pathlib import Path

import jinja2
import pytest

from assess.bundled import templates_dir
from assess.errors import AssessError
from assess.report.render import (
    FetchLog,
    MissingGlyphs,
    environment,
    font_package,
    render_html,
    render_pdf,
    template_fetcher,
)
from tests.report.conftest import cjk_font_installed


def test_environment_escapes_and_refuses_undefined_values() -> None:
    env = environment()
    assert env.from_string("{{ x }}").render(x="<b>{{ 7*7 }}</b>") == (
        "&lt;b&gt;{{ 7*7 }}&lt;/b&gt;"
    )
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()


def test_templates_come_only_from_the_templates_folder() -> None:
    with pytest.raises(AssessError, match="report template not found"):
        render_html("../pyproject.toml")


def test_fetcher_serves_template_files() -> None:
    log = FetchLog()
    fetcher = template_fetcher(log=log)
    response = fetcher.fetch((templates_dir() / "print.css").resolve().as_uri())
    assert b"@page" in response.read()
    assert response.content_type == "text/css"
    assert log.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.com/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "data:text/css,body{}",
        "ftp://example.com/x",
        "file://otherhost/share/x.css",
    ],
)
def test_fetcher_refuses_everything_else(url: str) -> None:
    log = FetchLog()
    with pytest.raises(PermissionError):
        template_fetcher(log=log).fetch(url)
    assert log.refused == [url]


def test_fetcher_refuses_escapes_from_its_folder(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (root / "link.css").symlink_to(secret)
    fetcher = template_fetcher(root)
    for url in [f"{root.as_uri()}/../secret.txt", f"{root.as_uri()}/link.css", root.as_uri()]:
        with pytest.raises(PermissionError):
            fetcher.fetch(url)


def test_render_pdf_skips_refused_urls_and_embeds_no_files(tmp_path: Path) -> None:
    html = (
        '<html><head><link rel="stylesheet" href="print.css">'
        '<link rel="attachment" href="file:///etc/hostname"></head><body><p>Hello</p>'
        '<img src="file:///etc/passwd" alt="x"><img src="https://example.com/x.png" alt="y">'
        '<a rel="attachment" href="file:///etc/hosts">a</a></body></html>'
    )
    log = FetchLog()
    out = tmp_path / "out.pdf"
    render_pdf(html, out, fetch_log=log)
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert b"/EmbeddedFile" not in pdf
    assert set(log.refused) == {
        "file:///etc/hostname",
        "file:///etc/passwd",
        "https://example.com/x.png",
        "file:///etc/hosts",
    }
    assert [u for u in log.requested if u not in log.refused] == [
        (templates_dir() / "print.css").resolve().as_uri()
    ]
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_missing_glyphs_warning_names_characters_and_package() -> None:
    assert MissingGlyphs().warning() is None
    assert font_package("東") == "fonts-noto-cjk"
    assert font_package("한") == "fonts-noto-cjk"
    assert font_package("ｱ") == "fonts-noto-cjk"  # half-width katakana
    assert font_package("\U0001f600") == "fonts-noto-color-emoji"
    assert font_package("ሀ") == "fonts-noto-core"  # Ethiopic
    assert MissingGlyphs(("東", "京")).warning() == (
        "no installed font has these 2 characters, printed as empty boxes: 東 京; "
        "install fonts-noto-cjk (Debian/Ubuntu) and render again"
    )
    many = MissingGlyphs((*[chr(0x4E00 + n) for n in range(13)], "ሀ"))
    warning = many.warning() or ""
    assert "these 14 characters" in warning and warning.count(" ...;") == 1
    assert "install fonts-noto-cjk and fonts-noto-core" in warning


def test_render_pdf_collects_glyphs_no_font_has_instead_of_logging_each(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # U+10FFFD is a private-use code point: no font has a glyph for it.
    html = "<html><body><p>Hello \U0010fffd \U0010fffd \U0010fffc</p></body></html>"
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        missing = render_pdf(html, tmp_path / "out.pdf")
    assert missing.chars == ("\U0010fffd", "\U0010fffc")
    assert not [r for r in caplog.records if ".notdef" in r.getMessage()]
    assert render_pdf("<p>Hello</p>", tmp_path / "plain.pdf") == MissingGlyphs()


def test_fallback_when_no_cjk_font_is_installed(tmp_path: Path) -> None:
    """Either the CJK text prints with a CJK font, or the render says which package it needs."""
    missing = render_pdf("<p>東京チーム</p>", tmp_path / "cjk.pdf")
    if cjk_font_installed():
        assert missing == MissingGlyphs()
    else:
        assert missing.chars == tuple("東京チーム")
        assert "fonts-noto-cjk" in (missing.warning() or "")
