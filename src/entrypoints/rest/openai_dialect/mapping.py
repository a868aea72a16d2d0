"""OpenAI dialect <-> domain: requests in, chat.completion / chunk / embedding objects out."""

from __future__ import annotations

import base64
import struct
from typing import Any

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
from integration_api.domain.errors import ValidationFailed
from integration_api.entrypoints.rest.openai_dialect import schemas as s
from integration_api.entrypoints.validation import checked

_ROLES = {
    "system": Role.SYSTEM,
    "developer": Role.SYSTEM,
    "user": Role.USER,
    "assistant": Role.ASSISTANT,
    "tool": Role.TOOL,
}


def _parts(content: str | list[s.ContentPartIn] | None, field: str) -> tuple[ContentPart, ...]:
    if content is None or content == "":
        return ()
    if isinstance(content, str):
        return (TextPart(text=content),)
    parts: list[ContentPart] = []
    for j, p in enumerate(content):
        if p.type == "text" and p.text is not None:
            parts.append(TextPart(text=p.text))
        elif p.type == "image_url" and p.image_url is not None:
            parts.append(ImagePart(url=p.image_url.url, detail=p.image_url.detail))
        else:
            raise ValidationFailed(
                f"unsupported content part type '{p.type}'", field=f"{field}[{j}]"
            )
    return tuple(parts)


def _message(m: s.MessageIn, i: int) -> Message:
    field = f"messages[{i}]"
    calls = tuple(
        ToolCall(id=c.id, name=c.function.name, arguments=c.function.arguments)
        for c in m.tool_calls or ()
    )
    parts = _parts(m.content, f"{field}.content")
    return checked(
        field,
        lambda: Message(
            role=_ROLES[m.role],
            content=parts,
            tool_calls=calls,
            tool_call_id=m.tool_call_id,
            name=m.name,
        ),
    )


def _response_format(f: s.ResponseFormatIn | None) -> ResponseFormat | None:
    if f is None or f.type == "text":
        return None
    if f.type == "json_object":
        return ResponseFormat(type="json")
    spec = f.json_schema
    if spec is None:
        raise ValidationFailed("json_schema is required", field="response_format.json_schema")
    return ResponseFormat(type="json_schema", json_schema=spec.schema or {}, schema_name=spec.name)


def _tool_choice(c: str | s.NamedToolChoice | None) -> ToolChoice | None:
    if c is None:
        return None
    if isinstance(c, s.NamedToolChoice):
        return ToolChoice(mode="tool", name=c.function.name)
    return ToolChoice(mode=c)  # type: ignore[arg-type]


def chat_request(body: s.ChatCompletionBody, model: str) -> ChatRequest:
    if body.n not in (None, 1):
        raise ValidationFailed("only n=1 is supported", field="n")
    tools = tuple(
        Tool(
            name=t.function.name,
            description=t.function.description,
            parameters=t.function.parameters or {},
        )
        for t in body.tools or ()
    )
    stop = (body.stop,) if isinstance(body.stop, str) else tuple(body.stop or ())
    messages = tuple(_message(m, i) for i, m in enumerate(body.messages))
    return checked(
        "request",
        lambda: ChatRequest(
            model=model,
            messages=messages,
            tools=tools,
            tool_choice=_tool_choice(body.tool_choice),
            response_format=_response_format(body.response_format),
            temperature=body.temperature,
            top_p=body.top_p,
            max_tokens=body.max_completion_tokens or body.max_tokens,
            stop=stop,
            seed=body.seed,
        ),
    )


def usage_object(u: Usage) -> dict[str, Any]:
    out: dict[str, Any] = {
        "prompt_tokens": u.input_tokens,
        "completion_tokens": u.output_tokens,
        "total_tokens": u.total_tokens,
    }
    if u.cached_tokens:
        out["prompt_tokens_details"] = {"cached_tokens": u.cached_tokens}
    if u.reasoning_tokens:
        out["completion_tokens_details"] = {"reasoning_tokens": u.reasoning_tokens}
    return out


def completion_object(r: ChatResponse, *, id: str, created: int, model: str) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": r.message.text or None}
    if r.message.tool_calls:
        message["tool_calls"] = [
            {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
            for c in r.message.tool_calls
        ]
    return {
        "id": id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": r.finish_reason.value,
                "logprobs": None,
            }
        ],
        "usage": usage_object(r.usage),
    }


def embedding_item(index: int, vector: tuple[float, ...], encoding: str) -> dict[str, Any]:
    value: Any = list(vector)
    if encoding == "base64":
        value = base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
    return {"object": "embedding", "index": index, "embedding": value}
