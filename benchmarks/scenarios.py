"""The scenarios: which requests each surface sends, and the cases of a full and a quick run.

Every service case has a direct twin (same group and concurrency) against the mock; the
comparison is made against that twin from the same run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from benchmarks.load.spec import Kind, LoadSpec

Group = Literal["chat", "stream", "embed", "hold"]
Surface = Literal["direct", "rest", "openai", "grpc"]

CHAT_MODEL = "gpt-4o-mini"
EMBED_MODEL = "text-embedding-3-small"
HOLD_MODEL = "bench-hold"  # the mock streams this one slowly (HOLD_PROFILE)
STREAM_CHUNKS = 20
STREAM_DELAY = 0.010
HOLD_PROFILE = (STREAM_CHUNKS, 0.25)  # 20 chunks x 250 ms: each stream open ~5 s
EMBED_DIMENSIONS = 1536
MESSAGES = [{"role": "user", "content": "Say hello."}]


@dataclass(frozen=True)
class Case:
    group: Group
    surface: Surface
    concurrency: int
    workers: int = 1

    @property
    def name(self) -> str:
        suffix = f" workers={self.workers}" if self.workers > 1 else ""
        return f"{self.group} {self.surface} c={self.concurrency}{suffix}"


@dataclass(frozen=True)
class Endpoints:
    """Where requests go: the mock (direct) and the service, with what they need."""

    mock_url: str  # http://127.0.0.1:PORT (the mock serves /v1/...)
    service_url: str
    service_target: str  # host:port for gRPC
    token: str
    credential_id: str


def _chat(surface: Surface, ids: Endpoints, *, stream: bool, model: str) -> tuple[str, Any]:
    qualified = f"{ids.credential_id}/{model}"
    body: dict[str, Any] = {"messages": MESSAGES}
    if stream:
        body["stream"] = True
    if surface == "rest":
        return "/v1/chat", {"credential_id": ids.credential_id, "model": model, **body}
    if stream:
        body["stream_options"] = {"include_usage": True}
    path = "/v1/chat/completions" if surface == "direct" else "/openai/v1/chat/completions"
    return path, {"model": model if surface == "direct" else qualified, **body}


def _embed(surface: Surface, ids: Endpoints) -> tuple[str, Any]:
    text, dims = "The quick brown fox jumps over the lazy dog.", EMBED_DIMENSIONS
    if surface == "rest":
        body = {"credential_id": ids.credential_id, "model": EMBED_MODEL, "inputs": [text]}
        return "/v1/embed", {**body, "dimensions": dims}
    model = EMBED_MODEL if surface == "direct" else f"{ids.credential_id}/{EMBED_MODEL}"
    path = "/v1/embeddings" if surface == "direct" else "/openai/v1/embeddings"
    return path, {"model": model, "input": [text], "dimensions": dims}


Builder = Callable[[Surface, Endpoints], tuple[str, Any]]
BUILDERS: dict[Group, Builder] = {
    "chat": lambda s, ids: _chat(s, ids, stream=False, model=CHAT_MODEL),
    "stream": lambda s, ids: _chat(s, ids, stream=True, model=CHAT_MODEL),
    "embed": _embed,
    "hold": lambda s, ids: _chat(s, ids, stream=True, model=HOLD_MODEL),
}
KINDS: dict[Group, Kind] = {
    "chat": "http_unary",
    "stream": "http_stream",
    "embed": "http_unary",
    "hold": "held_streams",
}
END_MARKERS: dict[Surface, str] = {"direct": "[DONE]", "openai": "[DONE]", "rest": "finish"}


def load_spec(case: Case, ids: Endpoints, *, warmup: float, duration: float) -> LoadSpec:
    """The load for `case`; http kinds may be handed to wrk instead (unary only)."""
    auth = {} if case.surface == "direct" else {"Authorization": f"Bearer {ids.token}"}
    common: dict[str, Any] = {
        "concurrency": case.concurrency,
        "warmup": warmup,
        "duration": duration,
        "expected_tokens": STREAM_CHUNKS,
    }
    if case.surface == "grpc":
        model = HOLD_MODEL if case.group == "hold" else CHAT_MODEL
        return LoadSpec(
            kind="grpc_stream",
            target=ids.service_target,
            headers={"authorization": f"Bearer {ids.token}"},
            model=f"{ids.credential_id}/{model}",
            **common,
        )
    path, body = BUILDERS[case.group](case.surface, ids)
    base = ids.mock_url if case.surface == "direct" else ids.service_url
    return LoadSpec(
        kind=KINDS[case.group],
        url=base + path,
        headers=auth,
        body=json.dumps(body, separators=(",", ":")),
        end_marker=END_MARKERS[case.surface],
        timeout=60.0,
        **common,
    )


def paired(group: Group, surfaces: tuple[Surface, ...], levels: tuple[int, ...]) -> list[Case]:
    """For each concurrency: the direct case, then each service surface."""
    return [Case(group, s, c) for c in levels for s in ("direct", *surfaces)]


def full_cases() -> list[Case]:
    return [
        *paired("chat", ("rest", "openai"), (1, 16, 64)),
        *paired("stream", ("rest", "openai", "grpc"), (1, 16, 64)),
        *paired("embed", ("rest", "openai"), (16,)),
    ]


def quick_cases() -> list[Case]:
    return [*paired("chat", ("rest",), (1, 16)), *paired("stream", ("rest",), (1,))]


HOLD_CASES = [Case("hold", "direct", 1000), Case("hold", "rest", 1000)]
WORKERS_CASE = Case("chat", "rest", 64, workers=2)
