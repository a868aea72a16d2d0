"""integration.v1 inference messages <-> domain. Invalid input becomes ValidationFailed
(INVALID_ARGUMENT) naming the field."""

from __future__ import annotations

from typing import Literal

from google.protobuf.json_format import MessageToDict

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
    Tool,
    ToolCall,
    ToolChoice,
    Usage,
)
from integration_api.domain.errors import ValidationFailed
from integration_api.domain.providers import FieldSpec, ModelInfo, ProviderSpec
from integration_api.domain.streaming import StreamEvent, TextDelta, ToolCallDelta
from integration_api.entrypoints.grpc.generated.integration.v1 import inference_pb2 as pb
from integration_api.entrypoints.validation import checked

_ROLES = {
    pb.ROLE_SYSTEM: Role.SYSTEM,
    pb.ROLE_USER: Role.USER,
    pb.ROLE_ASSISTANT: Role.ASSISTANT,
    pb.ROLE_TOOL: Role.TOOL,
}
_MODES: dict[int, Literal["auto", "none", "required", "tool"]] = {
    pb.ToolChoice.MODE_UNSPECIFIED: "auto",
    pb.ToolChoice.MODE_AUTO: "auto",
    pb.ToolChoice.MODE_NONE: "none",
    pb.ToolChoice.MODE_REQUIRED: "required",
    pb.ToolChoice.MODE_TOOL: "tool",
}
_FORMATS: dict[int, Literal["text", "json", "json_schema"]] = {
    pb.ResponseFormat.TYPE_UNSPECIFIED: "text",
    pb.ResponseFormat.TYPE_TEXT: "text",
    pb.ResponseFormat.TYPE_JSON: "json",
    pb.ResponseFormat.TYPE_JSON_SCHEMA: "json_schema",
}
FINISH = {
    FinishReason.STOP: pb.FINISH_REASON_STOP,
    FinishReason.LENGTH: pb.FINISH_REASON_LENGTH,
    FinishReason.TOOL_CALLS: pb.FINISH_REASON_TOOL_CALLS,
    FinishReason.CONTENT_FILTER: pb.FINISH_REASON_CONTENT_FILTER,
    FinishReason.ERROR: pb.FINISH_REASON_ERROR,
}


def _part(p: pb.ContentPart, field: str) -> ContentPart:
    kind = p.WhichOneof("part")
    if kind == "text":
        return TextPart(text=p.text.text)
    if kind == "image":
        img = p.image
        source = img.WhichOneof("source")
        return checked(
            field,
            lambda: ImagePart(
                url=img.url if source == "url" else None,
                data=img.data if source == "data" else None,
                media_type=img.media_type or None,
                detail=img.detail or None,
            ),
        )
    raise ValidationFailed("content part is empty", field=field)


def _message(m: pb.Message, i: int) -> Message:
    field = f"messages[{i}]"
    if m.role not in _ROLES:
        raise ValidationFailed("role is required", field=f"{field}.role")
    parts = tuple(_part(p, f"{field}.content[{j}]") for j, p in enumerate(m.content))
    calls = tuple(ToolCall(id=c.id, name=c.name, arguments=c.arguments) for c in m.tool_calls)
    return checked(
        field,
        lambda: Message(
            role=_ROLES[m.role],
            content=parts,
            tool_calls=calls,
            tool_call_id=m.tool_call_id if m.HasField("tool_call_id") else None,
            name=m.name if m.HasField("name") else None,
        ),
    )


def chat_request(r: pb.ChatRequest, model: str) -> ChatRequest:
    messages = tuple(_message(m, i) for i, m in enumerate(r.messages))
    tools = tuple(
        Tool(name=t.name, description=t.description or None, parameters=MessageToDict(t.parameters))
        for t in r.tools
    )
    choice = None
    if r.HasField("tool_choice"):
        mode, name = _MODES[r.tool_choice.mode], r.tool_choice.name or None
        choice = checked("tool_choice", lambda: ToolChoice(mode=mode, name=name))
    fmt = None
    if r.HasField("response_format"):
        kind = _FORMATS[r.response_format.type]
        schema = MessageToDict(r.response_format.json_schema) if kind == "json_schema" else None
        fmt = checked(
            "response_format",
            lambda: ResponseFormat(
                type=kind, json_schema=schema, schema_name=r.response_format.schema_name or None
            ),
        )
    return checked(
        "request",
        lambda: ChatRequest(
            model=model,
            messages=messages,
            tools=tools,
            tool_choice=choice,
            response_format=fmt,
            temperature=r.temperature if r.HasField("temperature") else None,
            top_p=r.top_p if r.HasField("top_p") else None,
            max_tokens=r.max_tokens if r.HasField("max_tokens") else None,
            stop=tuple(r.stop),
            seed=r.seed if r.HasField("seed") else None,
            extra=MessageToDict(r.extra),
        ),
    )


def usage_pb(u: Usage) -> pb.Usage:
    return pb.Usage(
        input_tokens=u.input_tokens,
        output_tokens=u.output_tokens,
        cached_tokens=u.cached_tokens,
        reasoning_tokens=u.reasoning_tokens,
    )


def chat_response_pb(r: ChatResponse) -> pb.ChatResponse:
    message = pb.Message(
        role=pb.ROLE_ASSISTANT,
        content=[pb.ContentPart(text=pb.TextPart(text=r.message.text))] if r.message.text else [],
        tool_calls=[
            pb.ToolCall(id=c.id, name=c.name, arguments=c.arguments) for c in r.message.tool_calls
        ],
    )
    out = pb.ChatResponse(
        message=message,
        finish_reason=FINISH[r.finish_reason],
        usage=usage_pb(r.usage),
        provider=r.provider,
        model=r.model,
    )
    if r.provider_request_id is not None:
        out.provider_request_id = r.provider_request_id
    if r.latency_ms is not None:
        out.latency_ms = r.latency_ms
    return out


def event_pb(event: StreamEvent) -> pb.StreamChatEvent:
    if isinstance(event, TextDelta):
        return pb.StreamChatEvent(text_delta=pb.TextDelta(text=event.text))
    if isinstance(event, ToolCallDelta):
        delta = pb.ToolCallDelta(index=event.index, arguments_fragment=event.arguments_fragment)
        if event.id is not None:
            delta.id = event.id
        if event.name is not None:
            delta.name = event.name
        return pb.StreamChatEvent(tool_call_delta=delta)
    if isinstance(event, Usage):
        return pb.StreamChatEvent(usage=usage_pb(event))
    return pb.StreamChatEvent(finish=pb.Finish(reason=FINISH[event.reason]))


def _fields(fields: tuple[FieldSpec, ...]) -> list[pb.FieldSpec]:
    return [
        pb.FieldSpec(name=f.name, required=f.required, description=f.description) for f in fields
    ]


def provider_pb(spec: ProviderSpec) -> pb.ProviderSpec:
    caps = pb.ProviderCapabilities(
        **{name: getattr(spec.capabilities, name) for name in spec.capabilities.__struct_fields__}
    )
    return pb.ProviderSpec(
        name=spec.name,
        display_name=spec.display_name,
        capabilities=caps,
        secret_fields=_fields(spec.secret_fields),
        config_fields=_fields(spec.config_fields),
        primary_secret_field=spec.primary_secret_field,
    )


def model_pb(m: ModelInfo) -> pb.ModelInfo:
    out = pb.ModelInfo(id=m.id, provider=m.provider)
    if m.owned_by is not None:
        out.owned_by = m.owned_by
    return out
