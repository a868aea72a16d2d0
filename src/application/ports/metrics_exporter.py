from __future__ import annotations

from typing import Protocol


class MetricsExporter(Protocol):
    """Counts inbound requests and renders the service's metrics for scraping: (body,
    content type). Labels carry no secrets and no credential ids."""

    def observe_request(
        self, *, surface: str, operation: str, outcome: str, seconds: float
    ) -> None: ...

    def render(self) -> tuple[bytes, str]: ...
