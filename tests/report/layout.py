"""What a report looks like on its pages, from WeasyPrint's layout (no PDF is written): where
tables end against the margins and how full each page is. Tests of the page-by-page rules use it.
"""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from assess.bundled import templates_dir
from assess.report.render import template_fetcher

MM = 96 / 25.4
"""CSS pixels per millimetre."""


@dataclass(frozen=True)
class Table:
    css_class: str
    left_mm: float
    """How far the table's border box starts right of the left margin (negative: past it)."""
    past_right_mm: float
    """How far it ends past the right margin (positive: it sticks out)."""


@dataclass(frozen=True)
class Page:
    number: int
    fill: float
    """How much of the page's height between the margins is used, 0..1."""
    tables: list[Table]
    starts_chapter: bool
    """Whether a section that must start a page (class 'chapter' or 'cover') begins here."""


def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _walk(child)


def pages(html: str) -> list[Page]:
    """The pages of html as WeasyPrint lays it out with the report's own fetcher."""
    folder = templates_dir()
    document = HTML(
        string=html, base_url=folder.resolve().as_uri() + "/", url_fetcher=template_fetcher(folder)
    ).render()
    seen: set[int] = set()
    laid_out = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left, top = page_box.content_box_x(), page_box.content_box_y()
        right, height = left + page_box.width, page_box.height
        bottom = top
        tables = []
        starts = False
        root = page_box.children[0]
        for box in _walk(root):
            element = getattr(box, "element", None)
            css = (element.get("class") or "") if element is not None else ""
            if box.style["position"] == "fixed":
                continue
            if isinstance(box, boxes.TableBox):
                x = box.border_box_x()
                tables.append(Table(css, (x - left) / MM, (x + box.border_width() - right) / MM))
            if isinstance(box, (boxes.LineBox, boxes.ReplacedBox, boxes.TableRowBox)):
                bottom = max(bottom, box.position_y + box.margin_height())
            words = css.split()
            if ("chapter" in words or "cover" in words) and id(element) not in seen:
                seen.add(id(element))
                starts = True
        laid_out.append(Page(number, (bottom - top) / height, tables, starts))
    return laid_out


def short_pages(laid_out: list[Page], least: float = 1 / 3) -> list[int]:
    """Pages less than least full, except a page before one that starts a chapter (and the
    last page)."""
    short = []
    for page, after in itertools.pairwise(laid_out):
        if page.fill < least and not after.starts_chapter:
            short.append(page.number)
    return short


def tables_outside_margins(laid_out: list[Page], tolerance_mm: float = 0.05) -> list[str]:
    """Every table that starts before the left margin or ends after the right one."""
    return [
        f"page {page.number}: table {table.css_class!r} from {table.left_mm:.2f} mm, "
        f"{table.past_right_mm:+.2f} mm past the right margin"
        for page in laid_out
        for table in page.tables
        if table.left_mm < -tolerance_mm or table.past_right_mm > tolerance_mm
    ]
