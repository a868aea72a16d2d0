"""Pure functions between the domain chat types and the Anthropic Messages API.

Request choices (documented here because the API differs from the domain's OpenAI shape):
- System messages are lifted out of `messages` into the top-level `system` string.
- Consecutive same-role turns are merged, since tool results travel as `tool_result` blocks
  in a *user* turn and may sit next to a user text turn.
- `max_tokens` is required by the API; DEFAULT_MAX_TOKENS fills it when the caller gave none.
- response_format `json_schema` uses the API's native structured output
  (`output_config.format`); plain `json` has no native switch, so it becomes a system
  instruction (like OpenAI's json_object mode, the model is asked, not forced). A forced
  tool was not chosen: it would turn the answer into a tool call and clash with real tools.
- `seed` and an image's `detail` have no Anthropic equivalent and are dropped; `extra` may
  carry `top_k`, `metadata`, `service_tier` and `parallel_tool_calls` (False ->
  `disable_parallel_tool_use`).
"""

from __future__ import annotations

import base64
from typing import Any

import msgspec

from integration_api.adapters.providers.anthropic import wire
from integration_api.domain.chat import (
    ChatRequest,
    ChatResponse,
    ContentPart,
    FinishReason,
    ImagePart,
    Message,
    Role,
    TextPart,
    Tool,
    ToolCall,
    ToolChoice,
    Usage,
)
from integration_api.domain.errors import ProviderRejectedRequest

PROVIDER = "anthropic"
IMAGE_MEDIA_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})

DEFAULT_MAX_TOKENS = 4096
JSON_INSTRUCTION = "Respond with a single valid JSON value only: no prose, no Markdown code fences."

_FINISH = {
    "end_turn": FinishReason.STOP,
    "stop_sequence": FinishReason.STOP,
    "pause_turn": FinishReason.STOP,  # a paused server-tool loop; the caller may resend
    "max_tokens": FinishReason.LENGTH,
    "model_context_window_exceeded": FinishReason.LENGTH,
    "tool_use": FinishReason.TOOL_CALLS,
    "refusal": FinishReason.CONTENT_FILTER,
}


def to_wire_request(request: ChatRequest, *, stream: bool) -> wire.MessagesRequest:
    """The Messages API body for `request`; raises ProviderRejectedRequest when the request
    cannot be expressed for Anthropic (temperature above 1, unsupported image type...)."""
    if request.temperature is not None and request.temperature > 1.0:
        raise _reject("temperature must be between 0 and 1 for Anthropic", "temperature")
    extra = request.extra
    return wire.MessagesRequest(
        model=request.model,
        max_tokens=request.max_tokens or DEFAULT_MAX_TOKENS,
        messages=_turns(request.messages),
        system=_system(request),
        tools=[_tool(t) for t in request.tools] or None,
        tool_choice=_tool_choice(request) if request.tools else None,
        output_config=_output_config(request),
        temperature=request.temperature,
        top_p=request.top_p,
        top_k=_optional(extra, "top_k", int),
        stop_sequences=list(request.stop) or None,
        metadata=_optional(extra, "metadata", dict),
        service_tier=_optional(extra, "service_tier", str),
        stream=True if stream else None,
    )


def _system(request: ChatRequest) -> str | None:
    texts = [m.text for m in request.messages if m.role is Role.SYSTEM and m.text]
    fmt = request.response_format
    if fmt is not None and fmt.type == "json":
        texts.append(JSON_INSTRUCTION)
    return "\n\n".join(texts) or None


def _turns(messages: tuple[Message, ...]) -> list[wire.InputMessage]:
    turns: list[wire.InputMessage] = []
    for message in messages:
        if message.role is Role.SYSTEM:
            continue
        role, blocks = _blocks(message)
        if not blocks:
            continue  # the API rejects empty content; an empty turn carries nothing
        if turns and turns[-1].role == role:
            blocks = _tool_results_first([*turns[-1].content, *blocks])
            turns[-1] = wire.InputMessage(role=role, content=blocks)
        else:
            turns.append(wire.InputMessage(role=role, content=blocks))
    return turns


def _blocks(message: Message) -> tuple[wire.TurnRole, list[wire.InputBlock]]:
    if message.role is Role.ASSISTANT:
        return "assistant", _assistant_blocks(message)
    if message.role is Role.TOOL:
        return "user", [_tool_result_block(message)]
    return "user", _user_blocks(message.content)


def _tool_results_first(blocks: list[wire.InputBlock]) -> list[wire.InputBlock]:
    # The API wants a user turn that answers tool_use blocks to open with the tool_results.
    return sorted(blocks, key=lambda block: not isinstance(block, wire.ToolResultBlock))


def _user_blocks(parts: tuple[ContentPart, ...]) -> list[wire.InputBlock]:
    return [_part(p) for p in parts if not (isinstance(p, TextPart) and not p.text)]


def _assistant_blocks(message: Message) -> list[wire.InputBlock]:
    blocks: list[wire.InputBlock] = [wire.TextBlock(text=message.text)] if message.text else []
    for call in message.tool_calls:
        blocks.append(wire.ToolUseBlock(id=call.id, name=call.name, input=_arguments(call)))
    return blocks


def _tool_result_block(message: Message) -> wire.ToolResultBlock:
    parts = [_part(p) for p in message.content]
    has_image = any(isinstance(p, wire.ImageBlock) for p in parts)
    content: str | list[wire.TextBlock | wire.ImageBlock] = parts if has_image else message.text
    return wire.ToolResultBlock(tool_use_id=message.tool_call_id or "", content=content)


def _part(part: ContentPart) -> wire.TextBlock | wire.ImageBlock:
    if isinstance(part, TextPart):
        return wire.TextBlock(text=part.text)
    return wire.ImageBlock(source=_image_source(part))


def _image_source(image: ImagePart) -> wire.Base64Source | wire.UrlSource:
    if image.data is not None:
        return _base64_source(image.media_type or "", base64.b64encode(image.data).decode())
    url = image.url or ""
    if url.startswith("data:"):
        header, _, data = url[5:].partition(",")
        media_type, _, encoding = header.partition(";")
        if encoding != "base64":
            raise _reject("image data URLs must be base64-encoded", "messages")
        return _base64_source(media_type, data)
    return wire.UrlSource(url=url)


def _base64_source(media_type: str, data: str) -> wire.Base64Source:
    if media_type not in IMAGE_MEDIA_TYPES:
        raise _reject(f"Anthropic accepts images of type {sorted(IMAGE_MEDIA_TYPES)}", "messages")
    return wire.Base64Source(media_type=media_type, data=data)


def _arguments(call: ToolCall) -> dict[str, Any]:
    try:
        value = msgspec.json.decode(call.arguments or "{}")
    except msgspec.DecodeError:
        value = None
    if not isinstance(value, dict):
        raise _reject(f"tool call {call.id} arguments must be a JSON object", "messages")
    return value


def _reject(message: str, field: str) -> ProviderRejectedRequest:
    return ProviderRejectedRequest(message, provider=PROVIDER, field=field)


def _tool(tool: Tool) -> wire.ToolDefinition:
    schema = dict(tool.parameters) or {"type": "object", "properties": {}}
    schema.setdefault("type", "object")
    return wire.ToolDefinition(name=tool.name, description=tool.description, input_schema=schema)


def _tool_choice(request: ChatRequest) -> wire.ToolChoice | None:
    choice = request.tool_choice or ToolChoice(mode="auto")
    serial = True if request.extra.get("parallel_tool_calls") is False else None
    if choice.mode == "none":
        return wire.ToolChoiceNone()
    if choice.mode == "required":
        return wire.ToolChoiceAny(disable_parallel_tool_use=serial)
    if choice.mode == "tool" and choice.name:
        return wire.ToolChoiceTool(name=choice.name, disable_parallel_tool_use=serial)
    if request.tool_choice is None and serial is None:
        return None  # the API's default is auto
    return wire.ToolChoiceAuto(disable_parallel_tool_use=serial)


def _output_config(request: ChatRequest) -> wire.OutputConfig | None:
    fmt = request.response_format
    if fmt is None or fmt.json_schema is None:
        return None
    return wire.OutputConfig(format=wire.JsonSchemaFormat(schema=dict(fmt.json_schema)))


def _optional(extra: dict[str, Any], key: str, kind: type[Any]) -> Any:
    value = extra.get(key)
    if value is None:
        return None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _reject(f"extra.{key} must be a {kind.__name__}", f"extra.{key}")
    return value


# --- response ------------------------------------------------------------------------------


def finish_reason(stop_reason: str | None) -> FinishReason:
    """The normalised reason; an unknown (newer) reason still means the turn ended."""
    return _FINISH.get(stop_reason or "", FinishReason.STOP)


def usage_of(usage: wire.WireUsage) -> Usage:
    """Input counts every prompt token, cached or not (OpenAI's convention, which the domain
    follows); `cached_tokens` is the part read from the prompt cache."""
    cached = usage.cache_read_input_tokens or 0
    created = usage.cache_creation_input_tokens or 0
    return Usage(
        input_tokens=(usage.input_tokens or 0) + cached + created,
        output_tokens=usage.output_tokens or 0,
        cached_tokens=cached,
    )


def to_chat_response(
    response: wire.MessageResponse, *, request_id: str | None, latency_ms: float | None
) -> ChatResponse:
    """The domain response: text blocks concatenated, tool_use blocks as tool calls."""
    text = "".join(b.text or "" for b in response.content if b.type == "text")
    calls = tuple(
        ToolCall(id=b.id or "", name=b.name or "", arguments=encode_arguments(b.input))
        for b in response.content
        if b.type == "tool_use"
    )
    message = Message(
        role=Role.ASSISTANT,
        content=(TextPart(text=text),) if text else (),
        tool_calls=calls,
    )
    return ChatResponse(
        message=message,
        finish_reason=finish_reason(response.stop_reason),
        usage=usage_of(response.usage),
        provider=PROVIDER,
        model=response.model,
        provider_request_id=request_id or response.id,
        latency_ms=latency_ms,
    )


def encode_arguments(arguments: dict[str, Any] | None) -> str:
    """Tool input as the JSON text the domain carries (Anthropic sends a parsed object)."""
    return msgspec.json.encode(arguments or {}).decode()
