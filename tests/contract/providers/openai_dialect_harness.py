"""Harness for OpenAI-dialect providers (openai, openai_compatible) over FakeOpenAI."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import openai
import provider_canon as canon
from harness import RecordedRequest, SdkObservation
from openai_dialect_checks import check_chat_request
from openai_dialect_sdk import observe
from openai_sdk_checks import assert_valid_chat_request, assert_valid_embeddings_request

from integration_api.adapters.providers._shared import UpstreamClient
from integration_api.adapters.providers.registry import ProviderEntry
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.chat import FinishReason
from integration_api.domain.secrets import SecretValue
from integration_api.testing.fake_upstreams.openai import (
    Completion,
    Delay,
    EmbeddingsOut,
    ErrorOut,
    FakeOpenAI,
    ModelsOut,
    RawOut,
    Reply,
    ToolCallOut,
)

CANARY_KEY = "sk-test-canary-000000000000000000000000"
_FINISH = {
    FinishReason.STOP: "stop",
    FinishReason.LENGTH: "length",
    FinishReason.TOOL_CALLS: "tool_calls",
    FinishReason.CONTENT_FILTER: "content_filter",
}


def completion(reply: canon.CanonReply, **overrides: Any) -> Completion:
    calls = tuple(
        ToolCallOut(c.id, c.name, canon.fragments_json(c), c.fragments) for c in reply.tool_calls
    )
    return Completion(
        text_chunks=reply.text_chunks,
        tool_calls=calls,
        finish_reason=_FINISH[reply.finish],
        prompt_tokens=reply.usage.input_tokens,
        completion_tokens=reply.usage.output_tokens,
        cached_tokens=reply.usage.cached_tokens,
        **overrides,
    )


def _error(status: int, type_: str, code: str | None = None, **headers: str) -> ErrorOut:
    # Vendors do echo keys in error text ("Incorrect API key provided: sk-..."): the fake
    # echoes the whole canary so the suite can prove our errors never repeat it.
    message = f"{canon.ERROR_MESSAGE} for key {CANARY_KEY}"
    return ErrorOut(status, type_, message, code=code, headers=headers)


def replies(scenario: str, **params: Any) -> tuple[Reply, ...]:
    """The fake's programme for a scenario (served persistently, see harness.py)."""
    if scenario in canon.REPLIES:
        return (completion(canon.REPLIES[scenario]),)
    text = canon.REPLIES["simple_text"]
    table: dict[str, Callable[[], tuple[Reply, ...]]] = {
        "error_401": lambda: (_error(401, "invalid_request_error", "invalid_api_key"),),
        "error_403": lambda: (_error(403, "permission_error", "unsupported_country"),),
        "error_429_retry_after": lambda: (
            _error(429, "requests", "rate_limit_exceeded", **{"retry-after": "3"}),
            *((completion(text),) if params.get("then_succeed") else ()),
        ),
        "error_500": lambda: (_error(500, "server_error"),),
        "error_529": lambda: (_error(529, "overloaded_error"),),
        "timeout": lambda: (Delay(canon.TIMEOUT_DELAY, completion(text)),),
        "malformed_body": lambda: (RawOut(b"data: {not json\n\n", content_type="text/plain"),),
        "midstream_error": lambda: (completion(text, error_after=2),),
        "cancellation": lambda: (completion(text, stall_after=2, hold_seconds=canon.HOLD_SECONDS),),
        "embeddings_order_dimensions": lambda: (EmbeddingsOut(vector=canon.vector),),
        "verify_valid": lambda: (ModelsOut(canon.MODELS),),
        "verify_invalid": lambda: (_verify_error(int(params.get("status", 401))),),
    }
    return table[scenario]()


def _verify_error(status: int) -> ErrorOut:
    if status == 401:
        return _error(401, "invalid_request_error", "invalid_api_key")
    return _error(status, "permission_error")


class OpenAIDialectHarness:
    """Subclasses set name, model, build and the dialect's expectations."""

    name = "openai"
    model = "gpt-4o-mini"
    embedding_model = "text-embedding-3-small"
    unsupported: Mapping[str, str] = {}
    api_key: str | None = CANARY_KEY
    max_tokens_field = "max_completion_tokens"

    def __init__(self, build: Callable[[UpstreamClient], ProviderEntry]) -> None:
        self._build = build
        self.fake = FakeOpenAI(api_key=self.api_key)
        self._scenario = ""
        self._params: dict[str, Any] = {}

    async def start(self, client: UpstreamClient) -> ProviderEntry:
        await self.fake.start()
        return self._build(client)

    async def stop(self) -> None:
        await self.fake.stop()

    def binding(self) -> ProviderBinding:
        secret = {"api_key": self.api_key} if self.api_key else {"note": "keyless server"}
        return ProviderBinding(
            provider=self.name, secret=SecretValue(secret), config={"base_url": self.fake.base_url}
        )

    def program(self, scenario: str, **params: Any) -> None:
        self.fake.reset()
        self._scenario, self._params = scenario, params
        programme = replies(scenario, **params)
        self.fake.program(*programme, sticky=True)

    def requests(self) -> Sequence[RecordedRequest]:
        return list(self.fake.requests)

    async def wait_disconnected(self, within: float) -> bool:
        try:
            await asyncio.wait_for(self.fake.disconnected.wait(), within)
        except TimeoutError:
            return False
        return True

    def validate_request(self, request: RecordedRequest) -> None:
        if request.path.endswith("/chat/completions"):
            assert_valid_chat_request(request.body)
        elif request.path.endswith("/embeddings"):
            assert_valid_embeddings_request(request.body)
        else:
            assert request.method == "GET" and request.body is None

    def check_request(self, scenario: str, request: RecordedRequest) -> None:
        check_chat_request(self, scenario, request)

    async def sdk_observe(self, scenario: str, *, stream: bool) -> SdkObservation:
        self.program(scenario)
        sdk = openai.AsyncOpenAI(
            base_url=self.fake.base_url, api_key=self.api_key or "none", max_retries=0
        )
        try:
            return await observe(sdk, self, scenario, stream=stream)
        finally:
            await sdk.close()
