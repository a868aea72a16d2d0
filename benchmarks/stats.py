"""Percentiles in milliseconds (nearest rank: every figure is a latency that happened)."""

from __future__ import annotations

import math
from collections.abc import Sequence

QUANTILES = (0.50, 0.99)


def percentiles(seconds: Sequence[float], quantiles: Sequence[float] = QUANTILES) -> list[float]:
    """[p50, p99] in ms; empty when nothing was measured."""
    if not seconds:
        return []
    ordered = sorted(seconds)
    return [ordered[max(0, math.ceil(q * len(ordered)) - 1)] * 1000.0 for q in quantiles]
