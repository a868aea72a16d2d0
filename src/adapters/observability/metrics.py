"""Prometheus metrics on a registry of our own (not the process-global one), so two
application instances in one process, or a test, never collide."""

from __future__ import annotations

import re
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

NAMESPACE = "integration_api"
OTHER = "other"
MAX_CACHED_LABEL_SETS = 4096  # routes x statuses is small; this only bounds a surprise
# Label values name routes, operations, providers and outcomes: short words. Anything that
# looks like an id or a key (a long unbroken run of letters and digits), or is oddly shaped,
# becomes "other", so neither a secret nor a credential id can reach the metrics output.
_LABEL_SHAPE = re.compile(r"[A-Za-z_/][A-Za-z0-9_.:/{}\-]{0,63}")
_LONG_RUN = re.compile(r"[A-Za-z0-9]{16,}")
_REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


def safe_label(value: str) -> str:
    if not _LABEL_SHAPE.fullmatch(value) or _LONG_RUN.search(value):
        return OTHER
    return value


class Metrics:
    """Counters and histograms for inbound requests, upstream calls and model tokens.

    Record through the methods (they sanitize labels); `render()` gives the exposition body
    and its content type for `GET /metrics`."""

    def __init__(self) -> None:
        self._request_children: dict[tuple[str, str, str], tuple[Any, Any]] = {}
        self.registry = CollectorRegistry(auto_describe=True)
        reg, ns = self.registry, NAMESPACE
        self.requests_total = Counter(
            "requests", "Inbound requests.", ["surface", "operation", "outcome"],
            namespace=ns, registry=reg,
        )  # fmt: skip
        self.request_seconds = Histogram(
            "request_seconds", "Inbound request duration.", ["surface", "operation"],
            namespace=ns, registry=reg, buckets=_REQUEST_BUCKETS,
        )  # fmt: skip
        self.upstream_requests_total = Counter(
            "upstream_requests", "Calls to AI providers.", ["provider", "operation", "outcome"],
            namespace=ns, registry=reg,
        )  # fmt: skip
        self.upstream_seconds = Histogram(
            "upstream_seconds", "Provider call duration.", ["provider", "operation"],
            namespace=ns, registry=reg, buckets=_REQUEST_BUCKETS,
        )  # fmt: skip
        self.tokens_total = Counter(
            "tokens", "Model tokens by direction (input, output, cached, reasoning).",
            ["provider", "direction"], namespace=ns, registry=reg,
        )  # fmt: skip

    def observe_request(
        self, *, surface: str, operation: str, outcome: str, seconds: float
    ) -> None:
        # On every request: the sanitised label children are looked up once per label set
        key = (surface, operation, outcome)
        children = self._request_children.get(key)
        if children is None:
            s, op = safe_label(surface), safe_label(operation)
            children = (
                self.requests_total.labels(s, op, safe_label(outcome)),
                self.request_seconds.labels(s, op),
            )
            if len(self._request_children) < MAX_CACHED_LABEL_SETS:
                self._request_children[key] = children
        children[0].inc()
        children[1].observe(seconds)

    def observe_upstream(
        self, *, provider: str, operation: str, outcome: str, seconds: float | None = None
    ) -> None:
        p, op = safe_label(provider), safe_label(operation)
        self.upstream_requests_total.labels(p, op, safe_label(outcome)).inc()
        if seconds is not None:
            self.upstream_seconds.labels(p, op).observe(seconds)

    def count_tokens(self, *, provider: str, direction: str, count: int) -> None:
        if count > 0:
            self.tokens_total.labels(safe_label(provider), safe_label(direction)).inc(count)

    def render(self) -> tuple[bytes, str]:
        """(body, content type) in the Prometheus text exposition format."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
