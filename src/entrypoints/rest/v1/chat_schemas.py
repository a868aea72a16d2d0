"""REST shapes of /v1/chat, /v1/embed, /v1/rerank (edge schemas, apart from the domain)."""

from __future__ import annotations

from typing import Any, Literal

import msgspec


class TextPartIn(msgspec.Struct, frozen=True, kw_only=True, tag="text", forbid_unknown_fields=True):
    text: str


class ImagePartIn(
    msgspec.Struct, frozen=True, kw_only=True, tag="image", forbid_unknown_fields=True
):
    url: str | None = None
    data: str | None = None  # base64
    media_type: str | None = None
    detail: str | None = None


class ToolCallIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: str
    name: str
    arguments: str


class MessageIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    role: Literal["system", "user", "assistant", "tool"]
    content: str | list[TextPartIn | ImagePartIn] = ""
    tool_calls: list[ToolCallIn] = msgspec.field(default_factory=list)
    tool_call_id: str | None = None
    name: str | None = None


class ToolIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    name: str
    description: str | None = None
    parameters: dict[str, Any] = msgspec.field(default_factory=dict)


class NamedToolChoice(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    name: str


class ResponseFormatIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    type: Literal["text", "json", "json_schema"] = "text"
    json_schema: dict[str, Any] | None = None
    schema_name: str | None = None


class TargetIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    credential_id: str
    model: str


class ChatBody(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    credential_id: str
    model: str
    messages: list[MessageIn]
    tools: list[ToolIn] = msgspec.field(default_factory=list)
    tool_choice: Literal["auto", "none", "required"] | NamedToolChoice | None = None
    response_format: ResponseFormatIn | None = None
    temperature: float | None = None
    max_tokens: int | None = None
    top_p: float | None = None
    stop: str | list[str] | None = None
    seed: int | None = None
    stream: bool = False
    fallbacks: list[TargetIn] = msgspec.field(default_factory=list)


class ToolCallOut(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    arguments: str


class MessageOut(msgspec.Struct, frozen=True, kw_only=True):
    role: str
    content: str
    tool_calls: list[ToolCallOut]


class UsageOut(msgspec.Struct, frozen=True, kw_only=True):
    input_tokens: int
    output_tokens: int
    cached_tokens: int
    reasoning_tokens: int


class ChatOut(msgspec.Struct, frozen=True, kw_only=True):
    provider: str
    model: str
    message: MessageOut
    finish_reason: str
    usage: UsageOut
    provider_request_id: str | None


class EmbedBody(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    credential_id: str
    model: str
    inputs: list[str]
    dimensions: int | None = None
    input_type: Literal["query", "document"] | None = None


class EmbedOut(msgspec.Struct, frozen=True, kw_only=True):
    provider: str
    model: str
    vectors: list[list[float]]
    usage: UsageOut


class RerankBody(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    credential_id: str
    model: str
    query: str
    documents: list[str]
    top_n: int | None = None


class RerankResultOut(msgspec.Struct, frozen=True, kw_only=True):
    index: int
    score: float


class RerankOut(msgspec.Struct, frozen=True, kw_only=True):
    provider: str
    model: str
    results: list[RerankResultOut]
