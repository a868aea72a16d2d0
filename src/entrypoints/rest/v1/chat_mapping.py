"""Edge schema <-> domain for the native REST API. Domain invariants surface as
ValidationFailed naming the field, so bad input is a 422, never a 500."""

from __future__ import annotations

import base64
import binascii

from integration_api.application.use_cases.inference.target import Target
from integration_api.domain.chat import (
    ChatRequest,
    ChatResponse,
    ContentPart,
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
from integration_api.domain.embeddings import EmbeddingResponse, RerankResponse
from integration_api.domain.errors import ValidationFailed
from integration_api.entrypoints.rest.v1 import chat_schemas as s
from integration_api.entrypoints.validation import checked


def _part(part: s.TextPartIn | s.ImagePartIn, field: str) -> ContentPart:
    if isinstance(part, s.TextPartIn):
        return TextPart(text=part.text)
    data = None
    if part.data is not None:
        try:
            data = base64.b64decode(part.data, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationFailed(f"{field}.data is not base64", field=f"{field}.data") from None
    return checked(
        field,
        lambda: ImagePart(url=part.url, data=data, media_type=part.media_type, detail=part.detail),
    )


def _message(m: s.MessageIn, i: int) -> Message:
    field = f"messages[{i}]"
    if isinstance(m.content, str):
        parts: tuple[ContentPart, ...] = (TextPart(text=m.content),) if m.content else ()
    else:
        parts = tuple(_part(p, f"{field}.content[{j}]") for j, p in enumerate(m.content))
    calls = tuple(ToolCall(id=c.id, name=c.name, arguments=c.arguments) for c in m.tool_calls)
    return checked(
        field,
        lambda: Message(
            role=Role(m.role),
            content=parts,
            tool_calls=calls,
            tool_call_id=m.tool_call_id,
            name=m.name,
        ),
    )


def _tool_choice(choice: str | s.NamedToolChoice | None) -> ToolChoice | None:
    if choice is None:
        return None
    if isinstance(choice, s.NamedToolChoice):
        return ToolChoice(mode="tool", name=choice.name)
    return checked("tool_choice", lambda: ToolChoice(mode=choice))  # type: ignore[arg-type]


def chat_request(body: s.ChatBody) -> ChatRequest:
    messages = tuple(_message(m, i) for i, m in enumerate(body.messages))
    tools = tuple(
        Tool(name=t.name, description=t.description, parameters=t.parameters) for t in body.tools
    )
    fmt = body.response_format
    response_format = (
        checked(
            "response_format",
            lambda: ResponseFormat(
                type=fmt.type, json_schema=fmt.json_schema, schema_name=fmt.schema_name
            ),
        )
        if fmt is not None
        else None
    )
    stop = (body.stop,) if isinstance(body.stop, str) else tuple(body.stop or ())
    return checked(
        "request",
        lambda: ChatRequest(
            model=body.model,
            messages=messages,
            tools=tools,
            tool_choice=_tool_choice(body.tool_choice),
            response_format=response_format,
            temperature=body.temperature,
            top_p=body.top_p,
            max_tokens=body.max_tokens,
            stop=stop,
            seed=body.seed,
        ),
    )


def targets(body: s.ChatBody) -> tuple[Target, tuple[Target, ...]]:
    primary = Target(credential_id=body.credential_id, model=body.model)
    return primary, tuple(
        Target(credential_id=f.credential_id, model=f.model) for f in body.fallbacks
    )


def usage_out(u: Usage) -> s.UsageOut:
    return s.UsageOut(
        input_tokens=u.input_tokens,
        output_tokens=u.output_tokens,
        cached_tokens=u.cached_tokens,
        reasoning_tokens=u.reasoning_tokens,
    )


def chat_out(r: ChatResponse) -> s.ChatOut:
    calls = [
        s.ToolCallOut(id=c.id, name=c.name, arguments=c.arguments) for c in r.message.tool_calls
    ]
    return s.ChatOut(
        provider=r.provider,
        model=r.model,
        message=s.MessageOut(role=r.message.role.value, content=r.message.text, tool_calls=calls),
        finish_reason=r.finish_reason.value,
        usage=usage_out(r.usage),
        provider_request_id=r.provider_request_id,
    )


def embed_out(r: EmbeddingResponse) -> s.EmbedOut:
    return s.EmbedOut(
        provider=r.provider,
        model=r.model,
        vectors=[list(v) for v in r.vectors],
        usage=usage_out(r.usage),
    )


def rerank_out(r: RerankResponse) -> s.RerankOut:
    results = [s.RerankResultOut(index=x.index, score=x.score) for x in r.results]
    return s.RerankOut(provider=r.provider, model=r.model, results=results)
