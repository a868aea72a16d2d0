"""One comparable shape for stream events from every surface: native SSE frames, gRPC
StreamChatEvent messages. Each event is a tuple whose first item names its kind:

    ("text", text)
    ("tool", index, id | None, name | None, arguments_fragment)
    ("usage", input_tokens, output_tokens, cached_tokens, reasoning_tokens)
    ("finish", reason)          # reason as in REST: "stop", "tool_calls", ...
    ("error", code)
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Iterable
from typing import Any, NamedTuple

import httpx

from integration_api.entrypoints.grpc.generated.integration.v1 import inference_pb2 as pb

Event = tuple[Any, ...]


class SseFrame(NamedTuple):
    event: str
    data: Any


async def sse_frames(response: httpx.Response) -> AsyncGenerator[SseFrame, None]:
    """Parses `text/event-stream` as it arrives (event: / data: lines, blank line ends)."""
    name, data = "message", list[str]()
    async for line in response.aiter_lines():
        if line == "":
            if data:
                yield SseFrame(name, json.loads("\n".join(data)))
            name, data = "message", list[str]()
        elif line.startswith("event:"):
            name = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data.append(line.removeprefix("data:").strip())


def from_sse(frame: SseFrame) -> Event:
    d = frame.data
    if frame.event == "text_delta":
        return ("text", d["text"])
    if frame.event == "tool_call_delta":
        return ("tool", d["index"], d["id"], d["name"], d["arguments_fragment"])
    if frame.event == "usage":
        return (
            "usage",
            d["input_tokens"],
            d["output_tokens"],
            d["cached_tokens"],
            d["reasoning_tokens"],
        )
    if frame.event == "finish":
        return ("finish", d["reason"])
    if frame.event == "error":
        return ("error", d["code"])
    raise AssertionError(f"unexpected SSE event {frame.event!r}")


def from_pb(message: Any) -> Event:
    kind = message.WhichOneof("event")
    if kind == "text_delta":
        return ("text", message.text_delta.text)
    if kind == "tool_call_delta":
        d = message.tool_call_delta
        return (
            "tool",
            d.index,
            d.id if d.HasField("id") else None,
            d.name if d.HasField("name") else None,
            d.arguments_fragment,
        )
    if kind == "usage":
        u = message.usage
        return ("usage", u.input_tokens, u.output_tokens, u.cached_tokens, u.reasoning_tokens)
    if kind == "finish":
        reason = pb.FinishReason.Name(message.finish.reason)
        return ("finish", reason.removeprefix("FINISH_REASON_").lower())
    raise AssertionError(f"unexpected gRPC event {kind!r}")


def kinds(events: Iterable[Event]) -> list[str]:
    return [e[0] for e in events]


def text_of(events: Iterable[Event]) -> str:
    return "".join(e[1] for e in events if e[0] == "text")


class AssembledCall(NamedTuple):
    id: str | None
    name: str | None
    arguments: str


def tool_calls_of(events: Iterable[Event]) -> dict[int, AssembledCall]:
    """Tool calls by index, put together from their deltas the way a client does."""
    calls: dict[int, AssembledCall] = {}
    for e in events:
        if e[0] != "tool":
            continue
        _, index, call_id, name, fragment = e
        seen = calls.get(index, AssembledCall(None, None, ""))
        calls[index] = AssembledCall(
            seen.id or call_id, seen.name or name, seen.arguments + fragment
        )
    return calls


def fragments_of(events: Iterable[Event], index: int) -> list[str]:
    """The non-empty argument fragments of tool call `index`, in arrival order."""
    return [e[4] for e in events if e[0] == "tool" and e[1] == index and e[4]]


def assert_well_formed(events: list[Event]) -> None:
    """The streaming contract: deltas, at most one usage, exactly one finish, and it is last."""
    assert kinds(events).count("finish") == 1, events
    assert events[-1][0] == "finish", events
    assert kinds(events).count("usage") <= 1, events
    assert "error" not in kinds(events), events
