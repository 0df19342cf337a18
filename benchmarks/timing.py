"""Helpers shared by the benchmark scripts: run a command several times, keep the best run."""

import statistics
import subprocess
import time
from collections.abc import Sequence


def best_of(command: Sequence[str], runs: int = 15) -> float:
    """Best wall-clock seconds over runs; the minimum is the least noisy on a shared machine."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def median_of(command: Sequence[str], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
