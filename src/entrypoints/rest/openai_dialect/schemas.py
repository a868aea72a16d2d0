"""OpenAI Chat Completions / Embeddings / Models shapes (the subset this gateway serves).
Unknown request fields are ignored, as the OpenAI API itself tolerates SDK additions."""

from __future__ import annotations

from typing import Any, Literal

import msgspec


class ImageUrl(msgspec.Struct, frozen=True, kw_only=True):
    url: str
    detail: str | None = None


class ContentPartIn(msgspec.Struct, frozen=True, kw_only=True):
    type: str
    text: str | None = None
    image_url: ImageUrl | None = None


class FunctionCall(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    arguments: str = ""


class ToolCallIn(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    function: FunctionCall
    type: str = "function"


class MessageIn(msgspec.Struct, frozen=True, kw_only=True):
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[ContentPartIn] | None = None
    tool_calls: list[ToolCallIn] | None = None
    tool_call_id: str | None = None
    name: str | None = None


class FunctionDef(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    description: str | None = None
    parameters: dict[str, Any] | None = None
    strict: bool | None = None


class ToolDef(msgspec.Struct, frozen=True, kw_only=True):
    function: FunctionDef
    type: str = "function"


class NamedFunction(msgspec.Struct, frozen=True, kw_only=True):
    name: str


class NamedToolChoice(msgspec.Struct, frozen=True, kw_only=True):
    function: NamedFunction
    type: str = "function"


class JsonSchemaSpec(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    schema: dict[str, Any] | None = None
    description: str | None = None
    strict: bool | None = None


class ResponseFormatIn(msgspec.Struct, frozen=True, kw_only=True):
    type: Literal["text", "json_object", "json_schema"]
    json_schema: JsonSchemaSpec | None = None


class StreamOptions(msgspec.Struct, frozen=True, kw_only=True):
    include_usage: bool = False


class ChatCompletionBody(msgspec.Struct, frozen=True, kw_only=True):
    model: str
    messages: list[MessageIn]
    tools: list[ToolDef] | None = None
    tool_choice: Literal["auto", "none", "required"] | NamedToolChoice | None = None
    response_format: ResponseFormatIn | None = None
    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = None
    max_completion_tokens: int | None = None
    stop: str | list[str] | None = None
    seed: int | None = None
    n: int | None = None
    stream: bool = False
    stream_options: StreamOptions | None = None


class EmbeddingsBody(msgspec.Struct, frozen=True, kw_only=True):
    model: str
    input: str | list[str]
    dimensions: int | None = None
    encoding_format: Literal["float", "base64"] = "float"
