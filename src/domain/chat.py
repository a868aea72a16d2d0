"""Chat: the normalised request and response every provider maps to and from."""

from __future__ import annotations

import enum
from typing import Any, Literal

import msgspec

from integration_api.domain.errors import ValidationFailed


class Role(enum.StrEnum):
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"
    TOOL = "tool"


class TextPart(msgspec.Struct, frozen=True, kw_only=True, tag="text"):
    text: str


class ImagePart(msgspec.Struct, frozen=True, kw_only=True, tag="image"):
    """An image by URL (https or data:) or by bytes with a media type."""

    url: str | None = None
    data: bytes | None = None
    media_type: str | None = None
    detail: str | None = None

    def __post_init__(self) -> None:
        if (self.url is None) == (self.data is None):
            raise ValueError("an image part has exactly one of url or data")
        if self.data is not None and not self.media_type:
            raise ValueError("an image given as bytes needs a media_type")


ContentPart = TextPart | ImagePart


class ToolCall(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    arguments: str  # JSON text, as the model produced it


class Message(msgspec.Struct, frozen=True, kw_only=True):
    role: Role
    content: tuple[ContentPart, ...] = ()
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        if self.role is Role.TOOL and not self.tool_call_id:
            raise ValueError("a tool message needs tool_call_id")
        if self.tool_calls and self.role is not Role.ASSISTANT:
            raise ValueError("only assistant messages carry tool_calls")

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.content if isinstance(p, TextPart))


class Tool(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    description: str | None = None
    parameters: dict[str, Any] = msgspec.field(default_factory=dict)  # JSON Schema


class ToolChoice(msgspec.Struct, frozen=True, kw_only=True):
    """`auto`, `none`, `required`, or a named tool."""

    mode: Literal["auto", "none", "required", "tool"] = "auto"
    name: str | None = None

    def __post_init__(self) -> None:
        if (self.mode == "tool") != (self.name is not None):
            raise ValueError("tool_choice names a tool exactly when mode is 'tool'")


class ResponseFormat(msgspec.Struct, frozen=True, kw_only=True):
    type: Literal["text", "json", "json_schema"] = "text"
    json_schema: dict[str, Any] | None = None
    schema_name: str | None = None

    def __post_init__(self) -> None:
        if (self.type == "json_schema") != (self.json_schema is not None):
            raise ValueError("json_schema is given exactly when type is 'json_schema'")


class ChatRequest(msgspec.Struct, frozen=True, kw_only=True):
    model: str
    messages: tuple[Message, ...]
    tools: tuple[Tool, ...] = ()
    tool_choice: ToolChoice | None = None
    response_format: ResponseFormat | None = None
    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = None
    stop: tuple[str, ...] = ()
    seed: int | None = None
    extra: dict[str, Any] = msgspec.field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.model:
            raise ValidationFailed("model is required", field="model")
        if not self.messages:
            raise ValidationFailed("messages must not be empty", field="messages")
        if self.temperature is not None and not 0.0 <= self.temperature <= 2.0:
            raise ValidationFailed("temperature must be between 0 and 2", field="temperature")
        if self.top_p is not None and not 0.0 <= self.top_p <= 1.0:
            raise ValidationFailed("top_p must be between 0 and 1", field="top_p")
        if self.max_tokens is not None and self.max_tokens < 1:
            raise ValidationFailed("max_tokens must be positive", field="max_tokens")
        names = [t.name for t in self.tools]
        if len(set(names)) != len(names):
            raise ValidationFailed("tool names must be unique", field="tools")
        if self.tool_choice and self.tool_choice.name and self.tool_choice.name not in names:
            raise ValidationFailed(
                "tool_choice names a tool that is not in tools", field="tool_choice"
            )


class FinishReason(enum.StrEnum):
    STOP = "stop"
    LENGTH = "length"
    TOOL_CALLS = "tool_calls"
    CONTENT_FILTER = "content_filter"
    ERROR = "error"


class Usage(msgspec.Struct, frozen=True, kw_only=True, tag="usage"):
    """Token counts; also a stream event (tag `usage`)."""

    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0
    reasoning_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens


class ChatResponse(msgspec.Struct, frozen=True, kw_only=True):
    message: Message
    finish_reason: FinishReason
    usage: Usage
    provider: str
    model: str
    provider_request_id: str | None = None
    latency_ms: float | None = None
