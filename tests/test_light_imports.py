"""`assess --help` and `assess score` must not pay for textual or weasyprint."""

import subprocess
import sys
from pathlib import Path

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
print("HEAVY:", heavy, file=sys.stderr)
"""


def heavy_modules(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr.strip().splitlines()[-1]


def test_help_imports_nothing_heavy() -> None:
    assert heavy_modules("--help") == "HEAVY: []"


def test_score_imports_nothing_heavy(tmp_path: Path, blank: Assessment) -> None:
    path = tmp_path / "a.json"
    save_assessment(blank.with_answer("ci-gate", pick("ci-gate", 2), NOW), path)
    models = str(DATA)
    assert heavy_modules("score", str(path), "--questionnaires", models) == "HEAVY: []"
    assert heavy_modules("score", str(path), "--format", "json", "--questionnaires", models) == (
        "HEAVY: []"
    )
