"""Contract harness: the in-memory FakeChatProvider, scripted with the canonical content."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

import provider_canon as canon
from harness import RecordedRequest, SdkObservation

from integration_api.adapters.providers._shared import UpstreamClient
from integration_api.adapters.providers.registry import ProviderEntry
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.errors import (
    ProviderAuthFailed,
    ProviderError,
    ProviderInvalidResponse,
    ProviderOverloaded,
    ProviderPermissionDenied,
    ProviderRateLimited,
    ProviderTimeout,
    ProviderUnavailable,
)
from integration_api.domain.secrets import SecretValue
from integration_api.domain.streaming import Finish, StreamEvent, TextDelta, ToolCallDelta
from integration_api.testing.fake_chat_provider import (
    FakeChatProvider,
    FakeReply,
    build_fake_entry,
)

Item = FakeReply | ProviderError


def reply_of(reply: canon.CanonReply) -> FakeReply:
    events: list[StreamEvent] = [TextDelta(text=t) for t in reply.text_chunks]
    for index, call in enumerate(reply.tool_calls):
        events.append(ToolCallDelta(index=index, id=call.id, name=call.name))
        events += [ToolCallDelta(index=index, arguments_fragment=f) for f in call.fragments]
    return FakeReply(events=(*events, reply.usage, Finish(reason=reply.finish)))


def _error(cls: type[ProviderError], status: int) -> ProviderError:
    return cls(canon.ERROR_MESSAGE, provider="fake", status=status)


class FakeHarness:
    name = "fake"
    model = "fake-chat"
    embedding_model = "fake-embed"
    unsupported = {
        "sdk": "the fake is in memory: no vendor wire format to ground",
        "http": "the fake is in memory: no upstream HTTP requests to record",
    }

    def __init__(self) -> None:
        self.fake = FakeChatProvider(vector=lambda index, _text, dims: canon.vector(index, dims))

    async def start(self, client: UpstreamClient) -> ProviderEntry:
        return build_fake_entry(self.fake)

    async def stop(self) -> None:
        return None

    def binding(self) -> ProviderBinding:
        return ProviderBinding(
            provider="fake", secret=SecretValue({"api_key": "fake-canary-key-0000"}), config={}
        )

    def program(self, scenario: str, **params: Any) -> None:
        if scenario in canon.REPLIES:
            self.fake.script(reply_of(canon.REPLIES[scenario]), sticky=True)
            return
        items = self._scenarios(params)[scenario]()
        self.fake.script(*items, sticky=True)

    def _scenarios(self, params: dict[str, Any]) -> dict[str, Callable[[], Sequence[Item]]]:
        text = reply_of(canon.REPLIES["simple_text"])
        first = (TextDelta(text=canon.TEXT_CHUNKS[0]),)
        status = int(params.get("status", 401))
        rate_limited = ProviderRateLimited(
            canon.ERROR_MESSAGE, retry_after=canon.RETRY_AFTER, provider="fake", status=429
        )
        return {
            "error_401": lambda: [_error(ProviderAuthFailed, 401)],
            "error_403": lambda: [_error(ProviderPermissionDenied, 403)],
            "error_429_retry_after": lambda: (
                [rate_limited, text] if params.get("then_succeed") else [rate_limited]
            ),
            "error_500": lambda: [_error(ProviderUnavailable, 500)],
            "error_529": lambda: [_error(ProviderOverloaded, 529)],
            "timeout": lambda: [ProviderTimeout("timed out", provider="fake")],
            "malformed_body": lambda: [ProviderInvalidResponse("malformed", provider="fake")],
            "midstream_error": lambda: [
                FakeReply(events=first, error=_error(ProviderUnavailable, 500))
            ],
            "cancellation": lambda: [FakeReply(events=first, hold=True)],
            "embeddings_order_dimensions": lambda: [],
            "verify_valid": lambda: self._models(),
            "verify_invalid": lambda: [
                _error(ProviderAuthFailed if status == 401 else ProviderPermissionDenied, status)
            ],
        }

    def _models(self) -> list[Item]:
        self.fake.models = canon.MODELS
        return []

    def requests(self) -> Sequence[RecordedRequest]:
        return []

    async def wait_disconnected(self, within: float) -> bool:
        try:
            await asyncio.wait_for(self.fake.closed_early.wait(), within)
        except TimeoutError:
            return False
        return True

    def check_request(self, scenario: str, request: RecordedRequest) -> None:
        return None

    def validate_request(self, request: RecordedRequest) -> None:
        return None

    async def sdk_observe(self, scenario: str, *, stream: bool) -> SdkObservation:
        raise NotImplementedError(self.unsupported["sdk"])


HARNESS = FakeHarness
