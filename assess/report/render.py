"""The safe rendering core shared by every printed report: Jinja2 templates and WeasyPrint.

Templates come only from the bundled templates folder, with autoescape and StrictUndefined, so a
team name or a note is always text. WeasyPrint fetches only files inside that folder: every other
URL (file: elsewhere, http:, https:, data:, ...) is refused and recorded.

jinja2 and weasyprint are imported inside the functions: importing this module stays cheap.
"""

import base64
import logging
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote, urlsplit

from assess.atomic import write_bytes_atomically
from assess.bundled import templates_dir
from assess.errors import AssessError

if TYPE_CHECKING:
    import jinja2

Paper = Literal["a4", "letter"]
PAGE_SIZES: dict[Paper, str] = {"a4": "A4", "letter": "letter"}
BASE_STYLESHEET = "print.css"
PDF_UA = "pdf/ua-1"
Embedded = dict[str, tuple[bytes, str]]
"""data: URIs the fetcher may serve, each with its bytes and media type."""


@dataclass
class FetchLog:
    """Every URL WeasyPrint asked for, and those refused; tests assert on it."""

    requested: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MissingGlyphs:
    """Characters a PDF printed as empty boxes because no installed font has them."""

    chars: tuple[str, ...] = ()

    def warning(self) -> str | None:
        """One line naming the characters and the packages that provide fonts for them."""
        if not self.chars:
            return None
        shown = " ".join(self.chars[:12]) + (" ..." if len(self.chars) > 12 else "")
        packages = sorted({font_package(char) for char in self.chars})
        count = f"{len(self.chars)} character" + ("" if len(self.chars) == 1 else "s")
        return (
            f"no installed font has these {count}, printed as empty boxes: {shown}; "
            f"install {' and '.join(packages)} (Debian/Ubuntu) and render again"
        )


# (first, last code point, Debian package with a font for them), checked in order.
_FONT_PACKAGES = [
    (0x1100, 0x11FF, "fonts-noto-cjk"),  # Hangul Jamo
    (0x2E80, 0x9FFF, "fonts-noto-cjk"),  # CJK radicals, punctuation, kana, ideographs
    (0xA960, 0xA97F, "fonts-noto-cjk"),
    (0xAC00, 0xD7FF, "fonts-noto-cjk"),  # Hangul syllables
    (0xF900, 0xFAFF, "fonts-noto-cjk"),
    (0xFE30, 0xFE4F, "fonts-noto-cjk"),
    (0xFF00, 0xFFEF, "fonts-noto-cjk"),  # full- and half-width forms
    (0x20000, 0x3FFFF, "fonts-noto-cjk"),
    (0x2600, 0x27BF, "fonts-noto-color-emoji"),
    (0x1F000, 0x1FAFF, "fonts-noto-color-emoji"),
]


def font_package(char: str) -> str:
    """The Debian/Ubuntu package with a font for char (Noto covers nearly every script)."""
    point = ord(char)
    for first, last, package in _FONT_PACKAGES:
        if first <= point <= last:
            return package
    return "fonts-noto-core"


class _GlyphFilter(logging.Filter):
    """Swallows WeasyPrint's one-line-per-glyph warnings and keeps the characters instead."""

    PREFIX = ".notdef glyph rendered"

    def __init__(self) -> None:
        super().__init__()
        self.chars: dict[str, None] = {}  # insertion-ordered set

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(self.PREFIX):
            if record.args and isinstance(record.args, tuple):
                self.chars[str(record.args[0])] = None
            return False
        return True


@contextmanager
def watch_missing_glyphs() -> Iterator[_GlyphFilter]:
    """Collect the characters WeasyPrint prints as .notdef while the block runs."""
    logger = logging.getLogger("weasyprint")
    glyph_filter = _GlyphFilter()
    logger.addFilter(glyph_filter)
    try:
        yield glyph_filter
    finally:
        logger.removeFilter(glyph_filter)


def template_fetcher(
    root: Path | None = None,
    log: FetchLog | None = None,
    embedded: "Embedded | None" = None,
) -> Any:
    """A WeasyPrint URL fetcher serving only regular files under root (the templates folder),
    and the exact data: URIs in embedded (a brand's logo, already read and checked).

    WeasyPrint 70 wants an instance of a URLFetcher subclass; refused URLs raise an ordinary
    error, which WeasyPrint logs and skips, so a stray URL can never abort a report.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    folder = (root or templates_dir()).resolve()
    record = log if log is not None else FetchLog()

    class TemplatesOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            record.requested.append(url)
            if embedded and url in embedded:
                data, media_type = embedded[url]
                return URLFetcherResponse(url, data, {"Content-Type": media_type})
            path = _local_path(url, folder)
            if path is None:
                record.refused.append(url)
                raise PermissionError(f"refused to fetch {url!r}: outside the report templates")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    fetcher = TemplatesOnly(allowed_protocols={"file"}, allow_redirects=False)
    fetcher.log = record
    return fetcher


def _local_path(url: str, folder: Path) -> Path | None:
    """The file a file: URL names, when it is a regular file inside folder; else None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    try:
        path = Path(unquote(parts.path)).resolve()
    except (OSError, ValueError):
        return None
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    return path


def environment(root: Path | None = None) -> "jinja2.Environment":
    """The Jinja2 environment for report templates: autoescaped, strict, bundled folder only."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root or templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Compiling the templates costs ~60 ms, a few % of a report; Jinja2 caches the compiled
        # code in a private per-user temporary folder (it checks owner and permissions).
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
    )
    env.globals["stylesheet_text"] = _stylesheet_text(root or templates_dir())
    env.globals["bundled_data_uri"] = _bundled_data_uri(root or templates_dir())
    return env


def _stylesheet_text(root: Path) -> Any:
    """A template function: one of our own CSS files as trusted text, for inlining in <style>
    when the HTML is opened in a browser, away from the templates folder."""
    from markupsafe import Markup

    def text(name: str) -> Markup:
        path = (root / name).resolve()
        if not path.is_relative_to(root.resolve()) or path.suffix != ".css":
            raise AssessError(
                f"report template asked for a stylesheet outside the templates: {name}"
            )
        # Our own file; '</' cannot legitimately appear in it and would end the <style> element.
        return Markup(path.read_text(encoding="utf-8").replace("</", "<\\/"))

    return text


def _bundled_data_uri(root: Path) -> Any:
    """A template function: one of our own SVG images as a data: URI, for a standalone HTML file
    that a browser opens away from the templates folder (WeasyPrint reads the file itself)."""

    def uri(name: str) -> str:
        path = (root / name).resolve()
        if not path.is_relative_to(root.resolve()) or path.suffix != ".svg":
            raise AssessError(f"report template asked for an image outside the templates: {name}")
        return "data:image/svg+xml;base64," + base64.b64encode(path.read_bytes()).decode("ascii")

    return uri


def render_html(template: str, env: "jinja2.Environment | None" = None, **context: Any) -> str:
    """A template from the templates folder rendered with context."""
    import jinja2

    env = env or environment()
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateNotFound as error:
        raise AssessError(f"report template not found: {error.name}") from None


def render_pdf_bytes(
    html: str,
    *,
    accessible: bool = False,
    fetch_log: FetchLog | None = None,
    root: Path | None = None,
    embedded: Embedded | None = None,
) -> bytes:
    """The PDF of html, with relative URLs resolved in (and limited to) the templates folder.

    accessible gives a tagged PDF/UA-1; the HTML must then carry lang, a <title> and headings.
    """
    return _render_pdf(
        html, accessible=accessible, fetch_log=fetch_log, root=root, embedded=embedded
    )[0]


def _render_pdf(
    html: str,
    *,
    accessible: bool,
    fetch_log: FetchLog | None,
    root: Path | None,
    embedded: Embedded | None = None,
) -> tuple[bytes, MissingGlyphs]:
    from weasyprint import HTML

    folder = root or templates_dir()
    document = HTML(
        string=html,
        base_url=folder.resolve().as_uri() + "/",
        url_fetcher=template_fetcher(folder, fetch_log, embedded),
    )
    options: dict[str, Any] = {"pdf_variant": PDF_UA, "pdf_tags": True} if accessible else {}
    with watch_missing_glyphs() as missing:
        pdf = document.write_pdf(**options)
    assert isinstance(pdf, bytes)
    return pdf, MissingGlyphs(tuple(missing.chars))


def render_pdf(
    html: str,
    out: Path,
    *,
    accessible: bool = False,
    fetch_log: FetchLog | None = None,
    root: Path | None = None,
    embedded: Embedded | None = None,
) -> MissingGlyphs:
    """Render html to a PDF at out, atomically: a failed render leaves out as it was.

    Returns the characters no installed font could print, for one warning instead of
    WeasyPrint's line per glyph."""
    pdf, missing = _render_pdf(
        html, accessible=accessible, fetch_log=fetch_log, root=root, embedded=embedded
    )
    write_bytes_atomically(out, pdf)
    return missing
