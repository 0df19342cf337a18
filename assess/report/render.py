"""The safe rendering core shared by every printed report: Jinja2 templates and WeasyPrint.

Templates come only from the bundled templates folder, with autoescape and StrictUndefined, so a
team name or a note is always text. WeasyPrint fetches only files inside that folder: every other
URL (file: elsewhere, http:, https:, data:, ...) is refused and recorded.

jinja2 and weasyprint are imported inside the functions: importing this module stays cheap.
"""

import mimetypes
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


@dataclass
class FetchLog:
    """Every URL WeasyPrint asked for, and those refused; tests assert on it."""

    requested: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def template_fetcher(root: Path | None = None, log: FetchLog | None = None) -> Any:
    """A WeasyPrint URL fetcher serving only regular files under root (the templates folder).

    WeasyPrint 70 wants an instance of a URLFetcher subclass; refused URLs raise an ordinary
    error, which WeasyPrint logs and skips, so a stray URL can never abort a report.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    folder = (root or templates_dir()).resolve()
    record = log if log is not None else FetchLog()

    class TemplatesOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            record.requested.append(url)
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
) -> bytes:
    """The PDF of html, with relative URLs resolved in (and limited to) the templates folder.

    accessible gives a tagged PDF/UA-1; the HTML must then carry lang, a <title> and headings.
    """
    from weasyprint import HTML

    folder = root or templates_dir()
    document = HTML(
        string=html,
        base_url=folder.resolve().as_uri() + "/",
        url_fetcher=template_fetcher(folder, fetch_log),
    )
    options: dict[str, Any] = {"pdf_variant": PDF_UA, "pdf_tags": True} if accessible else {}
    pdf = document.write_pdf(**options)
    assert isinstance(pdf, bytes)
    return pdf


def render_pdf(
    html: str,
    out: Path,
    *,
    accessible: bool = False,
    fetch_log: FetchLog | None = None,
    root: Path | None = None,
) -> None:
    """Render html to a PDF at out, atomically: a failed render leaves out as it was."""
    pdf = render_pdf_bytes(html, accessible=accessible, fetch_log=fetch_log, root=root)
    write_bytes_atomically(out, pdf)
