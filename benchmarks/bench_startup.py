"""Start-up time of `assess --help` as a ratio to `python -c "import click"` (goal: <= 1.5)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import best_of_interleaved


def main() -> None:
    python = sys.executable
    # The console script users run, installed beside this interpreter.
    script = str(Path(python).with_name("assess"))
    baseline, ours = best_of_interleaved([[python, "-c", "import click"], [script, "--help"]])
    print(
        f"startup: assess --help {ours * 1000:.0f} ms, import click {baseline * 1000:.0f} ms, "
        f"ratio {ours / baseline:.2f} (goal <= 1.5)"
    )


if __name__ == "__main__":
    main()
