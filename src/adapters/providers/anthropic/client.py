"""Binding -> Anthropic base URL and headers, and the calls every Anthropic adapter makes.

The key travels only in the `x-api-key` header. `anthropic-version` is pinned: the wire
types in wire.py describe that version (newer versions change request fields).
`base_url` is the API root without `/v1`, as in the official SDK.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping

from integration_api.adapters.providers._shared import (
    Operation,
    UpstreamClient,
    UpstreamRequest,
    UpstreamResponse,
    UpstreamStream,
)
from integration_api.adapters.providers.anthropic.errors import PROVIDER, map_error
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.errors import ProviderAuthFailed

DEFAULT_BASE_URL = "https://api.anthropic.com"
API_VERSION = "2023-06-01"


def base_url(binding: ProviderBinding) -> str:
    return (binding.config.get("base_url") or DEFAULT_BASE_URL).rstrip("/")


def headers(binding: ProviderBinding, *, streaming: bool = False) -> Mapping[str, str]:
    """Request headers; raises ProviderAuthFailed when the secret has no api_key."""
    key = binding.secret.get("api_key")
    if not key:
        raise ProviderAuthFailed("the credential has no api_key", provider=PROVIDER)
    return {
        "x-api-key": key,
        "anthropic-version": API_VERSION,
        "content-type": "application/json",
        "accept": "text/event-stream" if streaming else "application/json",
    }


class AnthropicClient:
    """Anthropic calls over the shared UpstreamClient, with Anthropic's error mapping."""

    def __init__(self, upstream: UpstreamClient) -> None:
        self._upstream = upstream

    async def send(
        self,
        binding: ProviderBinding,
        method: str,
        path: str,
        operation: Operation,
        body: bytes | None = None,
    ) -> UpstreamResponse:
        request = self._request(binding, method, path, operation, body, streaming=False)
        return await self._upstream.send(request, map_error)

    def stream(
        self, binding: ProviderBinding, path: str, body: bytes
    ) -> contextlib.AbstractAsyncContextManager[UpstreamStream]:
        request = self._request(binding, "POST", path, "stream", body, streaming=True)
        return self._upstream.stream(request, map_error)

    @staticmethod
    def _request(
        binding: ProviderBinding,
        method: str,
        path: str,
        operation: Operation,
        body: bytes | None,
        *,
        streaming: bool,
    ) -> UpstreamRequest:
        return UpstreamRequest(
            method=method,
            url=base_url(binding) + path,
            headers=headers(binding, streaming=streaming),
            body=body,
            provider=PROVIDER,
            operation=operation,
        )
