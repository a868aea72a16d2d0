"""Anthropic Messages API wire types (API version 2023-06-01), as msgspec Structs.

Request types are exact (tagged by `type`) so an encoded body is what the API documents.
Response and stream types are lenient: unknown fields are ignored and content blocks are one
loose Struct, because Anthropic adds block and field kinds (thinking, server tools, citations)
that an older adapter must skip rather than fail on.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

# --- request -------------------------------------------------------------------------------


class _Tagged(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, tag_field="type"):
    pass


class TextBlock(_Tagged, frozen=True, tag="text"):
    text: str


class Base64Source(_Tagged, frozen=True, tag="base64"):
    media_type: str
    data: str


class UrlSource(_Tagged, frozen=True, tag="url"):
    url: str


class ImageBlock(_Tagged, frozen=True, tag="image"):
    source: Base64Source | UrlSource


class ToolUseBlock(_Tagged, frozen=True, tag="tool_use"):
    id: str
    name: str
    input: dict[str, Any]


class ToolResultBlock(_Tagged, frozen=True, tag="tool_result"):
    tool_use_id: str
    content: str | list[TextBlock | ImageBlock]
    is_error: bool | None = None


InputBlock = TextBlock | ImageBlock | ToolUseBlock | ToolResultBlock


TurnRole = Literal["user", "assistant"]


class InputMessage(msgspec.Struct, frozen=True, kw_only=True):
    role: TurnRole
    content: list[InputBlock]


class ToolDefinition(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    name: str
    input_schema: dict[str, Any]
    description: str | None = None


class ToolChoiceAuto(_Tagged, frozen=True, tag="auto"):
    disable_parallel_tool_use: bool | None = None


class ToolChoiceAny(_Tagged, frozen=True, tag="any"):
    disable_parallel_tool_use: bool | None = None


class ToolChoiceTool(_Tagged, frozen=True, tag="tool"):
    name: str
    disable_parallel_tool_use: bool | None = None


class ToolChoiceNone(_Tagged, frozen=True, tag="none"):
    pass


ToolChoice = ToolChoiceAuto | ToolChoiceAny | ToolChoiceTool | ToolChoiceNone


class JsonSchemaFormat(_Tagged, frozen=True, tag="json_schema"):
    schema: dict[str, Any]


class OutputConfig(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    format: JsonSchemaFormat | None = None


class MessagesRequest(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Body of POST /v1/messages. `max_tokens` is required by the API (unlike OpenAI)."""

    model: str
    max_tokens: int
    messages: list[InputMessage]
    system: str | None = None
    tools: list[ToolDefinition] | None = None
    tool_choice: ToolChoice | None = None
    output_config: OutputConfig | None = None
    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    stop_sequences: list[str] | None = None
    metadata: dict[str, str] | None = None
    service_tier: str | None = None
    stream: bool | None = None


# --- response ------------------------------------------------------------------------------


class ResponseBlock(msgspec.Struct, frozen=True, kw_only=True):
    """Any output content block; only text and tool_use carry what we map."""

    type: str
    text: str | None = None
    id: str | None = None
    name: str | None = None
    input: dict[str, Any] | None = None


class WireUsage(msgspec.Struct, frozen=True, kw_only=True):
    input_tokens: int | None = None
    output_tokens: int | None = None
    cache_creation_input_tokens: int | None = None
    cache_read_input_tokens: int | None = None


class MessageResponse(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    model: str
    content: list[ResponseBlock]
    usage: WireUsage
    type: str = "message"
    role: str = "assistant"
    stop_reason: str | None = None
    stop_sequence: str | None = None


class ErrorDetail(msgspec.Struct, frozen=True, kw_only=True):
    type: str = "api_error"
    message: str = ""


class ErrorBody(msgspec.Struct, frozen=True, kw_only=True):
    error: ErrorDetail
    type: str = "error"
    request_id: str | None = None


class ModelEntry(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    display_name: str | None = None
    created_at: str | None = None
    type: str = "model"


class ModelsPage(msgspec.Struct, frozen=True, kw_only=True):
    """GET /v1/models, paginated by `after_id` while `has_more`."""

    data: list[ModelEntry]
    has_more: bool = False
    first_id: str | None = None
    last_id: str | None = None


# --- stream events (SSE `event:` name == data `type`) --------------------------------------


class MessageStart(msgspec.Struct, frozen=True, kw_only=True):
    message: MessageResponse


class ContentBlockStart(msgspec.Struct, frozen=True, kw_only=True):
    index: int
    content_block: ResponseBlock


class BlockDelta(msgspec.Struct, frozen=True, kw_only=True):
    """text_delta (`text`), input_json_delta (`partial_json`), or a kind we skip."""

    type: str
    text: str | None = None
    partial_json: str | None = None


class ContentBlockDelta(msgspec.Struct, frozen=True, kw_only=True):
    index: int
    delta: BlockDelta


class ContentBlockStop(msgspec.Struct, frozen=True, kw_only=True):
    index: int


class MessageDeltaBody(msgspec.Struct, frozen=True, kw_only=True):
    stop_reason: str | None = None
    stop_sequence: str | None = None


class MessageDelta(msgspec.Struct, frozen=True, kw_only=True):
    delta: MessageDeltaBody
    usage: WireUsage = msgspec.field(default_factory=WireUsage)


class MessageStop(msgspec.Struct, frozen=True, kw_only=True):
    pass


StreamEvent = MessageStart | ContentBlockStart | ContentBlockDelta | ContentBlockStop | MessageDelta

# Event names whose payload we decode; `ping` and unknown names are skipped, `error` and
# `message_stop` are handled by name (the versioning policy allows new event types).
STREAM_EVENT_TYPES: dict[str, type[msgspec.Struct]] = {
    "message_start": MessageStart,
    "content_block_start": ContentBlockStart,
    "content_block_delta": ContentBlockDelta,
    "content_block_stop": ContentBlockStop,
    "message_delta": MessageDelta,
    "message_stop": MessageStop,
}
