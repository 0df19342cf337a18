"""Start-up time of `assess --help` as a ratio to `python -c "import click"` (goal: <= 1.5)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import best_of


def main() -> None:
    python = sys.executable
    baseline = best_of([python, "-c", "import click"])
    ours = best_of([python, "-m", "assess", "--help"])
    print(
        f"startup: assess --help {ours * 1000:.0f} ms, import click {baseline * 1000:.0f} ms, "
        f"ratio {ours / baseline:.2f} (goal <= 1.5)"
    )


if __name__ == "__main__":
    main()
