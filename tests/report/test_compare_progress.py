import io
import logging

from rich.console import Console

from assess.report.compare_progress import LOGGER, pdf_progress


def emit_pages(count: int) -> None:
    logger = logging.getLogger(LOGGER)
    logger.info("Step 4 - Creating formatting structure")
    for page in range(1, count + 1):
        logger.info("Step 5 - Creating layout - Page %d", page)
    logger.info("Step 6 - Creating PDF")


def test_bar_follows_the_pages_in_a_terminal() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80)
    with pdf_progress(3, console):
        emit_pages(7)  # more pages than estimated: the bar grows instead of overflowing
    assert "7 pages" in out.getvalue()
    assert not logging.getLogger(LOGGER).handlers


def test_nothing_is_shown_when_not_a_terminal() -> None:
    out = io.StringIO()
    with pdf_progress(3, Console(file=out, force_terminal=False)):
        emit_pages(2)
    assert out.getvalue() == ""
