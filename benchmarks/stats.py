"""What every benchmark reports about its samples, computed one way."""

from __future__ import annotations

import statistics
import time


def p95(samples: list[float]) -> float:
    """The 95th percentile, within the samples (a single sample is its own p95)."""
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def page_samples(page, script: str, argument: str, runs: int, pause: float) -> list[float]:
    """``runs`` results of ``script(argument)`` in the page, ``pause`` seconds apart,
    so that each run finds the warm interpreter the last one left behind."""
    samples = []
    for _ in range(runs):
        samples.append(page.evaluate(script, argument))
        time.sleep(pause)
    return samples
