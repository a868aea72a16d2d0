"""Shared pieces of the provider contract suite: the running-harness handle, the recorded
backoff sleeps, and running one chat scenario in either mode."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import msgspec
import provider_canon as canon
import pytest
from harness import ProviderHarness, load_harnesses

from integration_api.adapters.providers._shared import Timeouts
from integration_api.adapters.providers.registry import ProviderEntry
from integration_api.domain.chat import ChatResponse, FinishReason, Usage
from integration_api.domain.streaming import Finish, StreamEvent, TextDelta, ToolCallDelta

HARNESSES = load_harnesses()
MAX_RETRIES = 2
TIMEOUTS = Timeouts(connect=2.0, read=0.5, total=10.0)


class RecordingSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@dataclass
class Running:
    """A started harness, its provider entry and the client's recorded backoff waits."""

    harness: ProviderHarness
    entry: ProviderEntry
    sleeps: RecordingSleep

    def skip_if_unsupported(self, *keys: str) -> None:
        for key in keys:
            if key in self.harness.unsupported:
                pytest.skip(f"{self.harness.name}: {self.harness.unsupported[key]}")

    def require(self, capability: str) -> None:
        if not getattr(self.entry.spec.capabilities, capability):
            pytest.skip(f"{self.harness.name} declares no {capability} capability")

    def check_requests(self, scenario: str) -> None:
        for request in self.harness.requests():
            self.harness.check_request(scenario, request)

    async def chat(self, request: object) -> ChatResponse:
        assert self.entry.chat is not None
        return await self.entry.chat.chat(self.harness.binding(), request)  # type: ignore[arg-type]

    async def stream(self, request: object) -> list[StreamEvent]:
        assert self.entry.chat is not None
        stream = self.entry.chat.stream(self.harness.binding(), request)  # type: ignore[arg-type]
        return [event async for event in stream]


class Outcome(msgspec.Struct, kw_only=True):
    text: str
    tool_calls: list[tuple[str, str, Any]]  # (id, name, parsed arguments) by index
    finish: FinishReason
    usage: Usage | None


async def run_chat(provider: Running, scenario: str, mode: str, **params: Any) -> Outcome:
    """Programs `scenario`, sends its canonical request and checks what went upstream."""
    provider.harness.program(scenario, **params)
    request = canon.chat_request(scenario, provider.harness.model, **params)
    if mode == "chat":
        response = await provider.chat(request)
        outcome = Outcome(
            text=response.message.text,
            tool_calls=[
                (c.id, c.name, json.loads(c.arguments)) for c in response.message.tool_calls
            ],
            finish=response.finish_reason,
            usage=response.usage,
        )
    else:
        outcome = fold_stream(await provider.stream(request))
    provider.check_requests(scenario)
    return outcome


def fold_stream(events: list[Any]) -> Outcome:
    """Asserts the stream grammar (deltas, at most one Usage, exactly one Finish, last)."""
    assert events and isinstance(events[-1], Finish), f"stream must end with Finish: {events}"
    assert sum(isinstance(e, Finish) for e in events) == 1
    usages = [e for e in events if isinstance(e, Usage)]
    assert len(usages) <= 1
    heads: dict[int, tuple[str, str]] = {}
    args: dict[int, str] = {}
    for event in events:
        if isinstance(event, ToolCallDelta):
            if event.id is not None:
                assert event.index not in heads, "id and name come once, on the first delta"
                heads[event.index] = (event.id, event.name or "")
            args[event.index] = args.get(event.index, "") + event.arguments_fragment
    return Outcome(
        text="".join(e.text for e in events if isinstance(e, TextDelta)),
        tool_calls=[(*heads[i], json.loads(args[i])) for i in sorted(heads)],
        finish=events[-1].reason,
        usage=usages[0] if usages else None,
    )
