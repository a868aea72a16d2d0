"""CPU time and peak resident memory of a process tree across a measured window."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from types import TracebackType

from benchmarks.procs import cpu_seconds, rss_mb

SAMPLE_EVERY = 0.1  # seconds between RSS samples


class Meter:
    """`begin()` / `end()` bracket the window; RSS is sampled while the meter is entered."""

    def __init__(self, pids: Sequence[int]) -> None:
        self._pids = list(pids)
        self._cpu_begin = self._cpu_end = 0.0
        self.peak_rss_mb = 0.0
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Meter:
        if self._pids:
            self._task = asyncio.create_task(self._sample())
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def begin(self) -> None:
        self._cpu_begin = self._cpu_end = cpu_seconds(self._pids)
        self.peak_rss_mb = rss_mb(self._pids)

    def end(self) -> None:
        self._cpu_end = cpu_seconds(self._pids)

    @property
    def cpu_seconds(self) -> float:
        return self._cpu_end - self._cpu_begin

    def per_request_ms(self, requests: int) -> float | None:
        if not self._pids or requests == 0:
            return None
        return self.cpu_seconds * 1000.0 / requests

    async def _sample(self) -> None:
        while True:
            self.peak_rss_mb = max(self.peak_rss_mb, rss_mb(self._pids))
            await asyncio.sleep(SAMPLE_EVERY)
