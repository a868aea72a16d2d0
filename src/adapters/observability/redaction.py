"""Redaction of secrets from log text: by value (every opened secret) and by known shapes."""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import NoReturn

from integration_api.adapters.observability.secret_patterns import MASK, redact_patterns
from integration_api.domain.secrets import SecretValue

__all__ = ["MASK", "SecretRedactor"]

_INDEX_FROM = 64  # from this many live values on, scanning the text beats `in` per value
_PREFIX = 6


class SecretRedactor:
    """Thread-safe. `register()` a secret when it is opened; for `ttl` seconds (refreshed on
    every register) and among the last `max_values` distinct values, `redact()` replaces it
    (and its JSON-escaped form) with `[REDACTED]`, then applies the known key patterns.

    Values shorter than `min_length` are not redacted by value: masking every occurrence of
    a 3-letter string would shred logs while hiding nothing a guess would not find.
    The redactor's repr shows only a count, and it cannot be pickled.
    """

    __slots__ = (
        "_fresh",
        "_index",
        "_lock",
        "_max",
        "_min_length",
        "_monotonic",
        "_prefix",
        "_ttl",
        "_values",
    )

    def __init__(
        self,
        *,
        ttl: float = 600.0,
        max_values: int = 10_000,
        min_length: int = 6,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl
        self._max = max(max_values, 1)
        self._min_length = max(min_length, 1)
        self._prefix = min(_PREFIX, self._min_length)
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._values: OrderedDict[str, float] = OrderedDict()  # value -> expiry
        self._index: dict[str, tuple[str, ...]] | None = None  # prefix -> values, lazily
        # secrets registered less than ttl/2 ago -> when to refresh them: the hot path
        # (the same key opened on every request) then costs one dict lookup
        self._fresh: dict[tuple[str, ...], float] = {}

    def register(self, secret: SecretValue) -> None:
        """Starts redacting every field value of `secret`."""
        raw_values = secret.values()
        now = self._monotonic()
        if self._fresh.get(raw_values, 0.0) > now:
            return  # registered recently: still live for at least ttl/2
        variants = set().union(*(_variants(raw) for raw in raw_values))
        expiry = now + self._ttl
        with self._lock:
            changed = False
            for value in variants:
                if len(value) >= self._min_length:
                    changed = changed or value not in self._values
                    self._values[value] = expiry
                    self._values.move_to_end(value)
            evicted = False
            while len(self._values) > self._max:
                self._values.popitem(last=False)
                changed = evicted = True
            if changed:  # a refresh of known values keeps the prefix index valid
                self._index = None
            if evicted or len(self._fresh) >= self._max:
                self._fresh.clear()  # an evicted value must be registered again in full
            self._fresh[raw_values] = now + self._ttl / 2

    def redact(self, text: str) -> str:
        """`text` with every live registered value and every known key shape masked."""
        for value in self._present_in(text):
            text = text.replace(value, MASK)
        return redact_patterns(text)

    def __len__(self) -> int:
        with self._lock:
            self._expire(self._monotonic())
            return len(self._values)

    def __repr__(self) -> str:
        return f"SecretRedactor({len(self)} values)"

    def __reduce__(self) -> NoReturn:
        raise TypeError("SecretRedactor cannot be pickled")

    def _present_in(self, text: str) -> list[str]:
        """Live values found in `text`, longest first so a value containing another goes whole."""
        with self._lock:
            self._expire(self._monotonic())
            if not self._values:
                return []
            if len(self._values) < _INDEX_FROM:
                found = [v for v in self._values if v in text]
            else:
                found = self._scan(text)
        return sorted(found, key=len, reverse=True)

    def _scan(self, text: str) -> list[str]:
        """One pass over the text with a prefix index: cost grows with the text, not the
        number of values (caller holds the lock)."""
        if self._index is None:
            grouped: dict[str, list[str]] = {}
            for value in self._values:
                grouped.setdefault(value[: self._prefix], []).append(value)
            self._index = {k: tuple(v) for k, v in grouped.items()}
        found: set[str] = set()
        width = self._prefix
        for i in range(len(text) - width + 1):
            for value in self._index.get(text[i : i + width], ()):
                if text.startswith(value, i):
                    found.add(value)
        return list(found)

    def _expire(self, now: float) -> None:
        """Drops expired values; the dict is in expiry order, so only its head is checked."""
        changed = False
        while self._values:
            value, expiry = next(iter(self._values.items()))
            if expiry > now:
                break
            del self._values[value]
            changed = True
        if changed:
            self._index = None


def _variants(value: str) -> set[str]:
    """The value as written, and as it appears inside a JSON string (escaped quotes, newlines)."""
    return {value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]}
