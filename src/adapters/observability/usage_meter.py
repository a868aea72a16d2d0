"""UsageMeter on Prometheus: upstream calls and model tokens per provider."""

from __future__ import annotations

from integration_api.adapters.observability.metrics import Metrics
from integration_api.application.ports.usage_meter import UsageMeter
from integration_api.domain.chat import Usage


class MetricsUsageMeter(UsageMeter):
    """Counts one upstream call per `record` and its tokens by direction (input, output,
    cached, reasoning; zero counts are skipped). In-memory counters only: never blocks."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    def record(self, *, provider: str, operation: str, outcome: str, usage: Usage | None) -> None:
        self._metrics.observe_upstream(provider=provider, operation=operation, outcome=outcome)
        if usage is None:
            return
        for direction, count in (
            ("input", usage.input_tokens),
            ("output", usage.output_tokens),
            ("cached", usage.cached_tokens),
            ("reasoning", usage.reasoning_tokens),
        ):
            self._metrics.count_tokens(provider=provider, direction=direction, count=count)
