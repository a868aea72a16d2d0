"""An in-process fixed-window RateLimiter."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from integration_api.application.ports.rate_limiter import RateLimiter


class MemoryRateLimiter(RateLimiter):
    """Counts per key and window in this process; tracks at most `max_keys` keys (the
    least recently used are forgotten, which can only ever allow more, not less)."""

    def __init__(self, max_keys: int = 100_000, *, clock: Callable[[], float] = time.time) -> None:
        self._max_keys = max_keys
        self._clock = clock
        self._counts: OrderedDict[str, tuple[int, int]] = OrderedDict()  # key -> (window, n)

    async def allow(self, key: str, *, limit: int, window_seconds: int) -> bool:
        window = int(self._clock() // window_seconds)
        current, count = self._counts.get(key, (window, 0))
        count = count + 1 if current == window else 1
        self._counts[key] = (window, count)
        self._counts.move_to_end(key)
        while len(self._counts) > self._max_keys:
            self._counts.popitem(last=False)
        return count <= limit
