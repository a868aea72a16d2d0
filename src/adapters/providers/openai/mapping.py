"""Pure domain <-> OpenAI wire mapping for chat (requests, responses, finish, usage)."""

from __future__ import annotations

import base64

import msgspec

from integration_api.adapters.providers.openai.client import OpenAIDialect
from integration_api.adapters.providers.openai.wire import (
    WireChatRequest,
    WireChatResponse,
    WireFunctionCall,
    WireFunctionDef,
    WireImagePart,
    WireImageUrl,
    WireJsonSchema,
    WireMessage,
    WireNamedFunction,
    WireNamedToolChoice,
    WirePart,
    WireResponseFormat,
    WireStreamOptions,
    WireTextPart,
    WireTool,
    WireToolCall,
    WireUsage,
)
from integration_api.domain.chat import (
    ChatRequest,
    ChatResponse,
    ContentPart,
    FinishReason,
    ImagePart,
    Message,
    ResponseFormat,
    Role,
    TextPart,
    ToolCall,
    ToolChoice,
    Usage,
)
from integration_api.domain.errors import ProviderInvalidResponse

FINISH_REASONS = {
    "stop": FinishReason.STOP,
    "length": FinishReason.LENGTH,
    "model_length": FinishReason.LENGTH,  # Mistral
    "tool_calls": FinishReason.TOOL_CALLS,
    "function_call": FinishReason.TOOL_CALLS,
    "content_filter": FinishReason.CONTENT_FILTER,
    "error": FinishReason.ERROR,
}

_encoder = msgspec.json.Encoder()


def encode_chat_request(request: ChatRequest, dialect: OpenAIDialect, *, stream: bool) -> bytes:
    """The JSON body for POST /chat/completions. `extra` adds keys, never replaces ours."""
    wire = chat_request_to_wire(request, dialect, stream=stream)
    if not request.extra:
        return _encoder.encode(wire)
    body = msgspec.to_builtins(wire)
    for key, value in request.extra.items():
        body.setdefault(key, value)
    return _encoder.encode(body)


def chat_request_to_wire(
    request: ChatRequest, dialect: OpenAIDialect, *, stream: bool
) -> WireChatRequest:
    wire = WireChatRequest(
        model=request.model,
        messages=[_message(m) for m in request.messages],
        tools=[_tool(t.name, t.description, t.parameters) for t in request.tools] or None,
        tool_choice=_tool_choice(request.tool_choice),
        response_format=_response_format(request.response_format),
        temperature=request.temperature,
        top_p=request.top_p,
        stop=list(request.stop) or None,
        seed=request.seed,
        stream=stream,
        stream_options=WireStreamOptions(include_usage=True) if stream else None,
    )
    if request.max_tokens is not None:
        setattr(wire, dialect.max_tokens_field, request.max_tokens)
    return wire


def _message(message: Message) -> WireMessage:
    return WireMessage(
        role=message.role.value,
        content=_content(message),
        tool_calls=[
            WireToolCall(id=c.id, function=WireFunctionCall(name=c.name, arguments=c.arguments))
            for c in message.tool_calls
        ]
        or None,
        tool_call_id=message.tool_call_id,
        name=message.name,
    )


def _content(message: Message) -> str | list[WirePart] | None:
    parts = message.content
    if not parts:
        return None if message.tool_calls else ""
    if all(isinstance(p, TextPart) for p in parts):
        return message.text
    return [_part(p) for p in parts]


def _part(part: ContentPart) -> WirePart:
    if isinstance(part, TextPart):
        return WireTextPart(text=part.text)
    return WireImagePart(image_url=WireImageUrl(url=_image_url(part), detail=part.detail))


def _image_url(part: ImagePart) -> str:
    if part.url is not None:
        return part.url
    assert part.data is not None  # ImagePart guarantees url xor data
    return f"data:{part.media_type};base64,{base64.b64encode(part.data).decode()}"


def _tool(name: str, description: str | None, parameters: dict[str, object]) -> WireTool:
    schema = parameters or {"type": "object", "properties": {}}
    return WireTool(function=WireFunctionDef(name=name, description=description, parameters=schema))


def _tool_choice(choice: ToolChoice | None) -> str | WireNamedToolChoice | None:
    if choice is None:
        return None
    if choice.mode == "tool":
        assert choice.name is not None
        return WireNamedToolChoice(function=WireNamedFunction(name=choice.name))
    return choice.mode


def _response_format(fmt: ResponseFormat | None) -> WireResponseFormat | None:
    if fmt is None:
        return None
    if fmt.type == "json":
        return WireResponseFormat(type="json_object")
    if fmt.type == "json_schema":
        assert fmt.json_schema is not None
        schema = WireJsonSchema(name=fmt.schema_name or "response", schema=fmt.json_schema)
        return WireResponseFormat(type="json_schema", json_schema=schema)
    return WireResponseFormat(type="text")


def usage_from_wire(usage: WireUsage | None) -> Usage:
    if usage is None:
        return Usage()
    prompt = usage.prompt_tokens_details
    completion = usage.completion_tokens_details
    return Usage(
        input_tokens=usage.prompt_tokens or 0,
        output_tokens=usage.completion_tokens or 0,
        cached_tokens=(prompt.cached_tokens or 0) if prompt else 0,
        reasoning_tokens=(completion.reasoning_tokens or 0) if completion else 0,
    )


def finish_from_wire(reason: str | None, *, has_tool_calls: bool) -> FinishReason:
    """Unknown reasons read as STOP; a forced tool call reports "stop" but is TOOL_CALLS."""
    finish = FINISH_REASONS.get(reason or "stop", FinishReason.STOP)
    if has_tool_calls and finish is FinishReason.STOP:
        return FinishReason.TOOL_CALLS
    return finish


def response_from_wire(
    wire: WireChatResponse, *, provider: str, request_id: str | None, latency_ms: float
) -> ChatResponse:
    if not wire.choices:
        raise ProviderInvalidResponse(f"{provider} answered without choices", provider=provider)
    choice = wire.choices[0]
    text = choice.message.content or choice.message.refusal or ""
    calls = tuple(
        ToolCall(id=c.id, name=c.function.name, arguments=c.function.arguments)
        for c in choice.message.tool_calls or ()
    )
    return ChatResponse(
        message=Message(
            role=Role.ASSISTANT,
            content=(TextPart(text=text),) if text else (),
            tool_calls=calls,
        ),
        finish_reason=finish_from_wire(choice.finish_reason, has_tool_calls=bool(calls)),
        usage=usage_from_wire(wire.usage),
        provider=provider,
        model=wire.model,
        provider_request_id=request_id or wire.id,
        latency_ms=latency_ms,
    )
