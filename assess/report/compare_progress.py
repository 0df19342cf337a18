"""A progress bar on stderr while WeasyPrint lays out a long PDF.

WeasyPrint reports its stages and every page it lays out on the 'weasyprint.progress' logger; a
logging handler turns those messages into progress, so no extra pass over the document is needed.
The bar shows only when stderr is a terminal.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

LOGGER = "weasyprint.progress"


class _PageHandler(logging.Handler):
    def __init__(self, progress: Progress, task: TaskID, pages: int) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.task = task
        self.pages = pages
        self.done = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith(("Step 3", "Step 4")):
            self.progress.update(self.task, description="styling")
        elif message.startswith("Step 5 - Creating layout - Page"):
            self.done += 1
            # The estimate may be short: grow the total rather than overflow the bar.
            self.pages = max(self.pages, self.done + 1)
            self.progress.update(
                self.task, completed=self.done, total=self.pages + 1, description="laying out"
            )
        elif message.startswith("Step 6"):
            self.progress.update(self.task, total=self.done + 1, description="writing PDF")


@contextmanager
def pdf_progress(estimated_pages: int, console: Console | None = None) -> Iterator[None]:
    """Show layout progress on stderr for the WeasyPrint rendering inside the block."""
    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield
        return
    progress = Progress(
        TextColumn("{task.description:<12}"),
        BarColumn(),
        TextColumn("{task.completed:>4.0f} pages"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    logger = logging.getLogger(LOGGER)
    with progress:
        task = progress.add_task("preparing", total=estimated_pages + 1)
        handler = _PageHandler(progress, task, estimated_pages)
        level = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        try:
            yield
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
