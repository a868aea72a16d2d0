"""Retry policy: exponential backoff with full jitter, honouring Retry-After within bounds."""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable, Mapping

import msgspec


class RetryPolicy(msgspec.Struct, frozen=True, kw_only=True):
    """How often and how long to wait between attempts.

    `max_retries` counts retries after the first attempt. A server-given wait (Retry-After)
    is used as is when it is at most `max_retry_after`; a longer one is not waited for: the
    error goes back to the caller with its `retry_after`, so a fallback can be tried.
    """

    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 20.0

    def delay(
        self,
        attempt: int,
        retry_after: float | None,
        rand: Callable[[], float] = random.random,
    ) -> float | None:
        """Seconds to wait before retry number `attempt + 1`, or None to give up now."""
        if attempt >= self.max_retries:
            return None
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_after else None
        ceiling = min(self.max_delay, self.base_delay * (2.0**attempt))
        return ceiling * rand()


def parse_retry_after(
    headers: Mapping[str, str], now: Callable[[], float] = time.time
) -> float | None:
    """Seconds the server asked us to wait: `retry-after-ms`, then `retry-after` (seconds
    or an HTTP date). Keys are lower-case. None when absent or unreadable."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())


def should_retry_header(headers: Mapping[str, str]) -> bool | None:
    """The `x-should-retry` override some vendors send (OpenAI, Anthropic): True, False or
    None when absent."""
    value = headers.get("x-should-retry")
    if value == "true":
        return True
    if value == "false":
        return False
    return None
