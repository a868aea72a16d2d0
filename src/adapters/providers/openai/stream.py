"""Chat-completion chunks -> stream events, forwarded as they arrive."""

from __future__ import annotations

from integration_api.adapters.providers.openai.mapping import finish_from_wire, usage_from_wire
from integration_api.adapters.providers.openai.wire import WireChunk
from integration_api.domain.chat import Usage
from integration_api.domain.errors import ProviderInvalidResponse
from integration_api.domain.streaming import Finish, StreamEvent, TextDelta, ToolCallDelta


class StreamTranslator:
    """Feeds on chunks of choice 0. Text and tool-call fragments go out at once; the finish
    reason is held until the stream ends because the usage chunk (stream_options.
    include_usage) comes after it, and the domain order is deltas, Usage, Finish."""

    __slots__ = ("_finish_reason", "_provider", "_saw_tool_call", "_usage")

    def __init__(self, provider: str) -> None:
        self._provider = provider
        self._finish_reason: str | None = None
        self._usage: Usage | None = None
        self._saw_tool_call = False

    def feed(self, chunk: WireChunk) -> list[StreamEvent]:
        events: list[StreamEvent] = []
        if chunk.usage is not None:
            self._usage = usage_from_wire(chunk.usage)
        for choice in chunk.choices:
            if choice.index != 0:
                continue
            if choice.finish_reason:
                self._finish_reason = choice.finish_reason
            delta = choice.delta
            if delta is None:
                continue
            text = delta.content or delta.refusal
            if text:
                events.append(TextDelta(text=text))
            for call in delta.tool_calls or ():
                self._saw_tool_call = True
                function = call.function
                events.append(
                    ToolCallDelta(
                        index=call.index,
                        id=call.id,
                        name=function.name if function else None,
                        arguments_fragment=(function.arguments or "") if function else "",
                    )
                )
        return events

    def finish(self) -> list[StreamEvent]:
        """Usage (when sent) then the one Finish; raises when the stream ended unfinished."""
        if self._finish_reason is None:
            raise ProviderInvalidResponse(
                f"{self._provider} stream ended without a finish reason", provider=self._provider
            )
        reason = finish_from_wire(self._finish_reason, has_tool_calls=self._saw_tool_call)
        events: list[StreamEvent] = [] if self._usage is None else [self._usage]
        events.append(Finish(reason=reason))
        return events
