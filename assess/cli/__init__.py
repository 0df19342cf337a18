"""The command line: parses arguments, loads files, calls the rest, prints results.

Heavy libraries (pydantic models, textual, weasyprint) are imported inside the commands that need
them, so `assess --help` starts as fast as click itself. One module per group of commands; each
registers its commands on the group in `app` when imported here.
"""

from assess.cli import (  # noqa: F401  (registers commands)
    compare,
    export,
    facilitate,
    fill,
    models,
    report,
    respondents,
    roadmap,
    scan,
    scores,
)
from assess.cli.app import cli
from assess.cli.fill import fill_context
from assess.cli.report import export_pdf

__all__ = ["cli", "export_pdf", "fill_context", "main"]


def main() -> None:
    cli(prog_name="assess")
