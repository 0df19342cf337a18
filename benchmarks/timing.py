"""Helpers shared by the benchmark scripts."""

import subprocess
import time
from collections.abc import Sequence


def best_of_interleaved(commands: Sequence[Sequence[str]], runs: int = 30) -> list[float]:
    """Best wall-clock seconds of each command. Runs alternate between the commands so that load
    from other work on the machine falls on all of them alike; the minimum is the least noisy."""
    best = [float("inf")] * len(commands)
    for _ in range(runs):
        for i, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(
                command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            best[i] = min(best[i], time.perf_counter() - start)
    return best
