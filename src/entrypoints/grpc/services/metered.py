"""Counts and times every integration.v1 call by method and gRPC status, the gRPC twin of
the REST request metrics (labels like `inference.stream_chat`, outcome `grpc_OK`)."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from grpclib.const import Handler
from grpclib.exceptions import GRPCError

from integration_api.application.ports.metrics_exporter import MetricsExporter
from integration_api.entrypoints.grpc.servable import Servable

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def operation_label(path: str) -> str:
    """`/integration.v1.InferenceService/StreamChat` -> `inference.stream_chat`."""
    _, service, method = path.split("/")
    short = service.rsplit(".", 1)[-1].removesuffix("Service").lower()
    return f"{short}.{_CAMEL.sub('_', method).lower()}"


class MeteredService:
    def __init__(self, inner: Servable, metrics: MetricsExporter) -> None:
        self._inner = inner
        self._metrics = metrics

    def __mapping__(self) -> dict[str, Handler]:
        return {
            path: Handler(self._timed(operation_label(path), handler.func), *handler[1:])
            for path, handler in self._inner.__mapping__().items()
        }

    def _timed(
        self, operation: str, func: Callable[[Any], Awaitable[None]]
    ) -> Callable[[Any], Awaitable[None]]:
        async def timed(stream: Any) -> None:
            started, outcome = time.perf_counter(), "grpc_OK"
            try:
                await func(stream)
            except GRPCError as error:
                outcome = f"grpc_{error.status.name}"
                raise
            except asyncio.CancelledError:
                outcome = "grpc_CANCELLED"
                raise
            except Exception:
                outcome = "grpc_INTERNAL"
                raise
            finally:
                seconds = time.perf_counter() - started
                self._metrics.observe_request(
                    surface="grpc", operation=operation, outcome=outcome, seconds=seconds
                )

        return timed
