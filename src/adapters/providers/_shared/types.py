"""What an adapter hands the upstream client and what it gets back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

import msgspec

from integration_api.domain.errors import ProviderError

Operation = Literal["chat", "stream", "embed", "rerank", "verify", "models"]

ErrorMapper = Callable[[int, Mapping[str, str], bytes], ProviderError]
"""Turns a non-2xx answer (status, lower-case headers, body) into our error. It must not
copy headers or the raw body into the message: they may echo the key."""


class Timeouts(msgspec.Struct, frozen=True, kw_only=True):
    """Seconds. `read` bounds the wait for each chunk; `total` bounds the whole call
    including retries and, for streams, the whole stream."""

    connect: float = 5.0
    read: float = 60.0
    total: float = 300.0


class UpstreamRequest(msgspec.Struct, frozen=True, kw_only=True):
    """One call to a vendor. `headers` carry the key; they are never logged or echoed."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes | None = None
    provider: str
    operation: Operation
    timeouts: Timeouts | None = None  # None: the client's defaults

    def __repr__(self) -> str:
        return f"UpstreamRequest({self.method} {self.provider}/{self.operation})"


class UpstreamResponse(msgspec.Struct, frozen=True, kw_only=True):
    """A complete 2xx answer. Header names are lower-case."""

    status: int
    headers: Mapping[str, str]
    body: bytes
