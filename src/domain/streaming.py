"""Stream events. A stream yields deltas, at most one Usage, then exactly one Finish
(or raises one error instead of Finish)."""

from __future__ import annotations

import msgspec

from integration_api.domain.chat import FinishReason, Usage


class TextDelta(msgspec.Struct, frozen=True, kw_only=True, tag="text_delta"):
    text: str


class ToolCallDelta(msgspec.Struct, frozen=True, kw_only=True, tag="tool_call_delta"):
    """A piece of tool call `index`; id and name arrive on its first delta."""

    index: int
    id: str | None = None
    name: str | None = None
    arguments_fragment: str = ""


class Finish(msgspec.Struct, frozen=True, kw_only=True, tag="finish"):
    reason: FinishReason


StreamEvent = TextDelta | ToolCallDelta | Usage | Finish
