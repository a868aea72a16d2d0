"""Counts and times every HTTP request by route template and status (pure ASGI, so it
also sees responses Litestar's own error handlers produce, and streams end to end)."""

from __future__ import annotations

import time
from typing import Any

from integration_api.application.ports.metrics_exporter import MetricsExporter

ASGIApp = Any


class RequestMetrics:
    def __init__(self, app: ASGIApp, metrics: MetricsExporter) -> None:
        self._app = app
        self._metrics = metrics

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self._app(scope, receive, send_and_note)
        finally:
            # Litestar writes the matched route's template into the same scope dict
            route = scope.get("path_template") or "unmatched"
            self._metrics.observe_request(
                surface="rest",
                operation=f"{scope['method']}:{route}",
                outcome=f"http_{status}",
                seconds=time.perf_counter() - started,
            )
