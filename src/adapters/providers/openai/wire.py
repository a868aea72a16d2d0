"""OpenAI Chat Completions / Embeddings / Models wire types (only the fields we use)."""

from __future__ import annotations

from typing import Any, Literal

import msgspec

# ---- requests -------------------------------------------------------------------------


class WireTextPart(msgspec.Struct, tag="text", tag_field="type"):
    text: str


class WireImageUrl(msgspec.Struct, omit_defaults=True):
    url: str
    detail: str | None = None


class WireImagePart(msgspec.Struct, tag="image_url", tag_field="type"):
    image_url: WireImageUrl


WirePart = WireTextPart | WireImagePart


class WireFunctionCall(msgspec.Struct):
    name: str
    arguments: str


class WireToolCall(msgspec.Struct):
    id: str
    function: WireFunctionCall
    type: Literal["function"] = "function"


class WireMessage(msgspec.Struct, omit_defaults=True):
    role: str
    content: str | list[WirePart] | None = None
    tool_calls: list[WireToolCall] | None = None
    tool_call_id: str | None = None
    name: str | None = None


class WireFunctionDef(msgspec.Struct, omit_defaults=True):
    name: str
    description: str | None = None
    parameters: dict[str, Any] | None = None


class WireTool(msgspec.Struct):
    function: WireFunctionDef
    type: Literal["function"] = "function"


class WireNamedFunction(msgspec.Struct):
    name: str


class WireNamedToolChoice(msgspec.Struct):
    function: WireNamedFunction
    type: Literal["function"] = "function"


class WireJsonSchema(msgspec.Struct, omit_defaults=True):
    name: str
    schema: dict[str, Any]
    strict: bool | None = None


class WireResponseFormat(msgspec.Struct, omit_defaults=True):
    type: str
    json_schema: WireJsonSchema | None = None


class WireStreamOptions(msgspec.Struct):
    include_usage: bool = True


class WireChatRequest(msgspec.Struct, omit_defaults=True):
    model: str
    messages: list[WireMessage]
    tools: list[WireTool] | None = None
    tool_choice: str | WireNamedToolChoice | None = None
    response_format: WireResponseFormat | None = None
    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = None
    max_completion_tokens: int | None = None
    stop: list[str] | None = None
    seed: int | None = None
    stream: bool = False
    stream_options: WireStreamOptions | None = None


class WireEmbeddingRequest(msgspec.Struct, omit_defaults=True):
    model: str
    input: list[str]
    dimensions: int | None = None
    encoding_format: str = "float"


# ---- responses ------------------------------------------------------------------------


class WirePromptDetails(msgspec.Struct):
    cached_tokens: int | None = None


class WireCompletionDetails(msgspec.Struct):
    reasoning_tokens: int | None = None


class WireUsage(msgspec.Struct):
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    prompt_tokens_details: WirePromptDetails | None = None
    completion_tokens_details: WireCompletionDetails | None = None


class WireResponseMessage(msgspec.Struct):
    content: str | None = None
    refusal: str | None = None
    tool_calls: list[WireToolCall] | None = None


class WireChoice(msgspec.Struct):
    message: WireResponseMessage
    finish_reason: str | None = None
    index: int = 0


class WireChatResponse(msgspec.Struct):
    choices: list[WireChoice]
    model: str = ""
    id: str | None = None
    usage: WireUsage | None = None


class WireDeltaFunction(msgspec.Struct):
    name: str | None = None
    arguments: str | None = None


class WireDeltaToolCall(msgspec.Struct):
    index: int
    id: str | None = None
    function: WireDeltaFunction | None = None


class WireDelta(msgspec.Struct):
    content: str | None = None
    refusal: str | None = None
    tool_calls: list[WireDeltaToolCall] | None = None


class WireChunkChoice(msgspec.Struct):
    delta: WireDelta | None = None
    finish_reason: str | None = None
    index: int = 0


class WireError(msgspec.Struct):
    message: str | None = None
    type: str | None = None
    code: str | int | None = None
    param: str | None = None


class WireChunk(msgspec.Struct):
    choices: list[WireChunkChoice] = msgspec.field(default_factory=list)
    usage: WireUsage | None = None
    error: WireError | None = None


class WireErrorEnvelope(msgspec.Struct):
    """`{"error": {...}}` (OpenAI), or the fields at top level (vLLM's `object: "error"`)."""

    error: WireError | str | None = None
    message: str | None = None
    type: str | None = None
    code: str | int | None = None


class WireEmbedding(msgspec.Struct):
    index: int
    embedding: list[float]


class WireEmbeddingUsage(msgspec.Struct):
    prompt_tokens: int | None = None


class WireEmbeddingResponse(msgspec.Struct):
    data: list[WireEmbedding]
    model: str = ""
    usage: WireEmbeddingUsage | None = None


class WireModel(msgspec.Struct):
    id: str
    owned_by: str | None = None


class WireModelList(msgspec.Struct):
    data: list[WireModel]
