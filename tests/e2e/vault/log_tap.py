"""Reads what the service's own log handler writes: the one handler configure_logging puts
on the root logger (its JSON formatter and redacting filter stay in place); the tap only
tees the handler's stream into memory."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from integration_api.adapters.observability.logging_setup import _ServiceHandler


class _Tee(io.TextIOBase):
    def __init__(self, original: TextIO, copy: io.StringIO) -> None:
        self._original = original
        self._copy = copy

    def write(self, text: str) -> int:
        self._copy.write(text)
        return self._original.write(text)

    def flush(self) -> None:
        self._original.flush()


@contextmanager
def tap_service_log() -> Iterator[io.StringIO]:
    """Yields a StringIO receiving every line the service logs from now on. Call it after the
    service started: each start installs a fresh handler."""
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, _ServiceHandler)]
    assert len(handlers) == 1, f"expected the service's one log handler, found {handlers}"
    handler = handlers[0]
    copy = io.StringIO()
    original = handler.setStream(_Tee(handler.stream, copy))  # type: ignore[arg-type]
    try:
        yield copy
    finally:
        handler.setStream(original)  # type: ignore[arg-type]
