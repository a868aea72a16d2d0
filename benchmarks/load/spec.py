"""What the orchestrator asks the load process to do, and what it gets back."""

from __future__ import annotations

from typing import Literal

import msgspec

Kind = Literal["http_stream", "http_unary", "grpc_stream", "held_streams"]


class LoadSpec(msgspec.Struct, frozen=True, kw_only=True):
    kind: Kind
    url: str = ""  # http kinds
    target: str = ""  # grpc: host:port
    headers: dict[str, str] = msgspec.field(default_factory=dict)
    body: str = ""  # http: the JSON request body
    model: str = ""  # grpc: the qualified model
    concurrency: int = 1  # held_streams: how many streams at once
    warmup: float = 1.0
    duration: float = 5.0
    token_marker: str = "piece-"  # the first token's bytes
    expected_tokens: int = 20  # a complete stream relays this many pieces
    end_marker: str = ""  # http streams: bytes that end a complete stream
    timeout: float = 30.0  # per request


class LoadResult(msgspec.Struct, kw_only=True):
    requests: int  # completed in the measured window, errors excluded
    errors: int
    seconds: float  # length of the measured window
    latency_ms: list[float]  # p50, p99 of the whole request or stream
    ttft_ms: list[float] | None = None  # p50, p99 of the first token (streams)
    peak_open: int | None = None  # held_streams: most streams relaying at once
    error_kinds: dict[str, int] = msgspec.field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0
