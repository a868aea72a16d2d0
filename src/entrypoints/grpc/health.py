"""`grpc.health.v1.Health` reflecting the same readiness as `GET /readiness/`.

Check answers from a readiness result at most `interval` seconds old; Watch re-asks every
`interval` and sends only changes. Once `stopping` is set (graceful shutdown) every answer
is NOT_SERVING and Watch streams end right after saying so, so they never hold the drain.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Collection

from grpclib.health.check import ServiceCheck
from grpclib.health.service import OVERALL, Health
from grpclib.health.v1.health_pb2 import HealthCheckRequest, HealthCheckResponse
from grpclib.server import Stream
from grpclib.utils import _service_name

from integration_api.application.use_cases.check_readiness import CheckReadiness
from integration_api.entrypoints.grpc.servable import Servable

POLL_INTERVAL = 1.0
"""Seconds a readiness answer may be reused; Watch polls at this rate."""


class ReadinessCheck(ServiceCheck):
    """grpclib's cached, time-bounded check over the readiness use case."""

    def __init__(
        self, readiness: CheckReadiness, stopping: asyncio.Event, *, interval: float
    ) -> None:
        async def ready() -> bool:
            return not stopping.is_set() and (await readiness()).ready

        # The readiness use case bounds each probe itself; this timeout is only a backstop.
        super().__init__(ready, check_ttl=interval, check_timeout=max(5.0, interval * 5))
        self._stopping = stopping

    def __status__(self) -> bool | None:
        return False if self._stopping.is_set() else super().__status__()

    async def __check__(self) -> bool | None:
        return False if self._stopping.is_set() else await super().__check__()


class ReadinessHealth(Health):
    """Health for the whole server ("") and for each served service by name."""

    def __init__(
        self,
        readiness: CheckReadiness,
        services: Collection[Servable],
        *,
        stopping: asyncio.Event,
        interval: float = POLL_INTERVAL,
    ) -> None:
        self._check = ReadinessCheck(readiness, stopping, interval=interval)
        super().__init__({**{s: [self._check] for s in services}, OVERALL: [self._check]})
        self._names = {""} | {_service_name(s) for s in services}
        self._stopping = stopping
        self._interval = interval

    async def Watch(self, stream: Stream[HealthCheckRequest, HealthCheckResponse]) -> None:
        request = await stream.recv_message()
        assert request is not None
        if request.service not in self._names:
            await stream.send_message(
                HealthCheckResponse(status=HealthCheckResponse.SERVICE_UNKNOWN)
            )
            await self._stopping.wait()
            return
        last = None
        while True:
            serving = await self._check.__check__()
            status = HealthCheckResponse.SERVING if serving else HealthCheckResponse.NOT_SERVING
            if status != last:
                await stream.send_message(HealthCheckResponse(status=status))
                last = status
            if self._stopping.is_set():
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._interval)
