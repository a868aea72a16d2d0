from __future__ import annotations

from typing import Protocol


class RateLimiter(Protocol):
    """Fixed-window counter: True while `key` has made at most `limit` calls in the window."""

    async def allow(self, key: str, *, limit: int, window_seconds: int) -> bool: ...
