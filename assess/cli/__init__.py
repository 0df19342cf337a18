"""The command line: parses arguments, loads files, calls the rest, prints results.

Heavy libraries (pydantic models, textual, weasyprint) are imported inside the commands that need
them, so `assess --help` starts as fast as click itself. One module per group of commands; each
registers its commands on the group in `app` when imported, which the group does when a command
is looked up (`app.COMMANDS`): `assess` alone loads only what the questionnaire needs.
"""

import os
import sys
import types
from typing import TYPE_CHECKING, Any

from assess.cli.app import cli

if TYPE_CHECKING:
    from assess.cli.fill import fill_context
    from assess.cli.report import export_pdf

__all__ = ["cli", "export_pdf", "fill_context", "main"]


def __getattr__(name: str) -> Any:
    if name == "fill_context":
        from assess.cli.fill import fill_context

        return fill_context
    if name == "export_pdf":
        from assess.cli.report import export_pdf

        return export_pdf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    # assess uses no pydantic plugins; looking for them reads the metadata of every installed
    # package when the first model is built (tens of milliseconds of each start). A value set
    # by the user is kept.
    disabled = os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if disabled in _NO_PLUGINS:
        # Even then pydantic's plugin loader imports importlib.metadata (and with it the email
        # package), about 10 ms of each start, only to return no plugins: stand in for it.
        sys.modules.setdefault("pydantic.plugin._loader", _no_plugins_loader())
    cli(prog_name="assess")


_NO_PLUGINS = ("__all__", "1", "true")
"""The values of PYDANTIC_DISABLE_PLUGINS for which pydantic loads no plugin at all."""


def _no_plugins_loader() -> types.ModuleType:
    loader = types.ModuleType("pydantic.plugin._loader")

    def get_plugins() -> tuple[()]:
        return ()

    loader.get_plugins = get_plugins  # type: ignore[attr-defined]
    return loader
