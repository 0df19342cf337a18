"""`assess --help` and `assess score` must not pay for textual or weasyprint."""

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from assess.bundled import questionnaires_dir
from assess.cli.app import cli
from assess.domain.assessment import Assessment
from assess.files.assessments import save_assessment
from tests.conftest import DATA, NOW, pick

PROBE = """
import sys
from assess.cli import main
sys.argv = ["assess", *{args!r}]
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("textual", "weasyprint", "jinja2") if m in sys.modules)
commands = sorted(m for m in sys.modules if m.startswith("assess.cli.") and m != "assess.cli.app")
print("COMMANDS:", commands, file=sys.stderr)
print("HEAVY:", heavy, file=sys.stderr)
"""


def probe(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr.strip().splitlines()


def heavy_modules(*args: str) -> str:
    return probe(*args)[-1]


def test_help_imports_nothing_heavy_and_no_command() -> None:
    assert probe("--help")[-2:] == ["COMMANDS: []", "HEAVY: []"]


@pytest.mark.parametrize("width", [50, 64, 80, 120])
def test_help_lists_the_commands_as_click_does(width: int) -> None:
    # The list comes from app.COMMANDS; click's own would import every command's module.
    ours = click.HelpFormatter(width=width)
    theirs = click.HelpFormatter(width=width)
    ctx = click.Context(cli)
    cli.format_commands(ctx, ours)
    click.Group.format_commands(cli, ctx, theirs)
    assert ours.getvalue() == theirs.getvalue()
    assert "consolidate" in ours.getvalue()


def test_score_imports_nothing_heavy(tmp_path: Path, blank: Assessment) -> None:
    path = tmp_path / "a.json"
    save_assessment(blank.with_answer("ci-gate", pick("ci-gate", 2), NOW), path)
    models = str(DATA)
    assert heavy_modules("score", str(path), "--questionnaires", models) == "HEAVY: []"
    assert heavy_modules("score", str(path), "--format", "json", "--questionnaires", models) == (
        "HEAVY: []"
    )


CACHED_LOAD = """
import sys
from assess.files.questionnaires import load_questionnaire, resolve
load_questionnaire(resolve(None, []), rules={rules})
print("YAML:", sorted(m for m in ("yaml", "ruamel") if m in sys.modules), file=sys.stderr)
"""


def yaml_modules(cache: Path, rules: bool) -> str:
    result = subprocess.run(
        [sys.executable, "-c", CACHED_LOAD.format(rules=rules)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "ASSESS_CACHE": str(cache)},
    )
    return result.stderr.strip().splitlines()[-1]


def test_a_cached_model_loads_without_yaml(tmp_path: Path) -> None:
    assert yaml_modules(tmp_path, rules=True) == "YAML: ['yaml']"  # first start fills the cache
    assert yaml_modules(tmp_path, rules=True) == "YAML: []"
    assert yaml_modules(tmp_path, rules=False) == "YAML: []"


def test_every_command_is_listed_with_its_module() -> None:
    import importlib
    import pkgutil

    import assess.cli as package
    from assess.cli.app import COMMANDS, cli

    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"assess.cli.{info.name}")
    assert sorted(cli.commands) == sorted(COMMANDS)
    for name, (module, _) in COMMANDS.items():
        callback = cli.commands[name].callback
        assert callback is not None
        assert callback.__module__ == f"assess.cli.{module}", name


COMMAND_MODULES = """
import sys
from assess.cli import main
sys.argv = ["assess", *{args!r}]
try:
    main()
except SystemExit:
    pass
from assess.cli.app import COMMANDS
loaded = {{m.removeprefix("assess.cli.") for m in sys.modules if m.startswith("assess.cli.")}}
print("LOADED:", sorted(loaded & {{module for module, _ in COMMANDS.values()}}), file=sys.stderr)
"""


def test_a_command_loads_only_its_own_module() -> None:
    result = subprocess.run(
        [sys.executable, "-c", COMMAND_MODULES.format(args=["fill", "--help"])],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = result.stderr.strip().splitlines()[-1]
    # The PDF export of the review screen is the report command's.
    assert loaded == "LOADED: ['fill', 'report']"


SCREENS = """
import sys
import assess.tui.app
screens = sorted(m for m in sys.modules if m.startswith("assess.tui.screens."))
print("SCREENS:", screens, file=sys.stderr)
"""


def test_the_questionnaire_imports_only_the_screens_of_its_first_paint() -> None:
    """The start, review, help and dialog screens are imported when first shown."""
    result = subprocess.run(
        [sys.executable, "-c", SCREENS], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip().splitlines()[-1] == (
        "SCREENS: ['assess.tui.screens.find', 'assess.tui.screens.questions', "
        "'assess.tui.screens.saving']"
    )


FIRST_PAINT = """
import sys, tempfile
from textual.app import App
from assess.tui.screens.questions import QuestionScreen
_run = App.run
App.run = lambda self, *args, **kwargs: _run(self, *args, **{**kwargs, "headless": True})
_mount = QuestionScreen.on_mount
def on_mount(screen):
    _mount(screen)
    screen.call_after_refresh(screen.app.exit)
QuestionScreen.on_mount = on_mount
from assess.cli import main
sys.argv = ["assess", "fill", "--team", "T", "--questionnaire", "devops-mlops",
            "--dir", tempfile.mkdtemp()]
try:
    main()
except SystemExit:
    pass
print("TEXT AREA:", "textual.widgets._text_area" in sys.modules, file=sys.stderr)
"""


def test_the_first_question_of_a_small_terminal_makes_no_text_area(tmp_path: Path) -> None:
    """The notes fields below the fold of 80x24 are made when the user goes there."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "ASSESS_CACHE": str(tmp_path)},
    )
    assert result.stderr.strip().splitlines()[-1] == "TEXT AREA: False"


PLUGIN_LOADER = """
import sys
from assess.cli import main
sys.argv = ["assess", "validate", {path!r}]
try:
    main()
except SystemExit:
    pass
print("METADATA:", "importlib.metadata" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize(("disabled", "metadata"), [(None, False), ("1", False), ("other", True)])
def test_no_package_metadata_is_read_while_pydantic_plugins_are_off(
    disabled: str | None, metadata: bool
) -> None:
    """pydantic's plugin loader is stood in for only where it would load no plugin at all."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if disabled is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = disabled
    model = questionnaires_dir() / "devops-mlops.yaml"
    result = subprocess.run(
        [sys.executable, "-c", PLUGIN_LOADER.format(path=str(model))],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert "ok (" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == f"METADATA: {metadata}"
