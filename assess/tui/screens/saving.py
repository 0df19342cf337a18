"""Changes that write to disk, run from a screen: a failed write is shown, never hidden."""

from collections.abc import Callable

from textual.widget import Widget

from assess.errors import AssessError
from assess.safe_text import visible


def saving(widget: Widget, change: Callable[[], object]) -> bool:
    """Run a change that saves; on a failed write tell the user and report False."""
    try:
        change()
    except AssessError as error:
        widget.notify(
            visible(error.message, multiline=True),
            title="Not saved",
            severity="error",
            timeout=15,
            markup=False,
        )
        return False
    return True
