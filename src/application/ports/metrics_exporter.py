from __future__ import annotations

from typing import Protocol


class MetricsExporter(Protocol):
    """Renders the service's metrics for scraping: (body, content type). Carries no secrets
    and no credential ids."""

    def render(self) -> tuple[bytes, str]: ...
