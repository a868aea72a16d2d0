"""The official `openai` SDK reading FakeOpenAI: proves the fake serves the real format."""

from __future__ import annotations

import json
from typing import Protocol

import openai
import provider_canon as canon
from harness import SdkObservation

_USER = [{"role": "user", "content": "Say hello."}]


class _Target(Protocol):
    model: str
    embedding_model: str


async def observe(
    sdk: openai.AsyncOpenAI, target: _Target, scenario: str, *, stream: bool
) -> SdkObservation:
    """What the SDK read for `scenario`; status errors become `error_status`."""
    try:
        if scenario == "embeddings_order_dimensions":
            return await _embeddings(sdk, target)
        if scenario.startswith("verify"):
            page = await sdk.models.list()
            return SdkObservation(model_ids=tuple(m.id for m in page.data))
        if stream:
            return await _stream(sdk, target)
        return await _chat(sdk, target)
    except openai.APIStatusError as exc:
        return SdkObservation(error_status=exc.status_code, error=type(exc).__name__)


async def _chat(sdk: openai.AsyncOpenAI, target: _Target) -> SdkObservation:
    done = await sdk.chat.completions.create(model=target.model, messages=_USER)  # type: ignore[arg-type]
    message = done.choices[0].message
    calls = tuple(
        (c.function.name, json.loads(c.function.arguments))
        for c in message.tool_calls or ()
        if c.type == "function"
    )
    usage = done.usage
    return SdkObservation(
        text=message.content or "",
        tool_calls=calls,
        input_tokens=usage.prompt_tokens if usage else None,
        output_tokens=usage.completion_tokens if usage else None,
    )


async def _stream(sdk: openai.AsyncOpenAI, target: _Target) -> SdkObservation:
    text: list[str] = []
    names: dict[int, str] = {}
    args: dict[int, list[str]] = {}
    observed = SdkObservation()
    try:
        chunks = await sdk.chat.completions.create(
            model=target.model,
            messages=_USER,  # type: ignore[arg-type]
            stream=True,
            stream_options={"include_usage": True},
        )
        async for chunk in chunks:
            if chunk.usage is not None:
                observed.input_tokens = chunk.usage.prompt_tokens
                observed.output_tokens = chunk.usage.completion_tokens
            for choice in chunk.choices:
                text.append(choice.delta.content or "")
                for call in choice.delta.tool_calls or ():
                    if call.function and call.function.name:
                        names[call.index] = call.function.name
                    if call.function and call.function.arguments:
                        args.setdefault(call.index, []).append(call.function.arguments)
    except openai.APIError as exc:
        if isinstance(exc, openai.APIStatusError):
            raise
        observed.error = type(exc).__name__
    observed.text = "".join(text)
    observed.tool_calls = tuple((names[i], json.loads("".join(args[i]))) for i in sorted(names))
    return observed


async def _embeddings(sdk: openai.AsyncOpenAI, target: _Target) -> SdkObservation:
    result = await sdk.embeddings.create(
        model=target.embedding_model,
        input=list(canon.EMBED_INPUTS),
        dimensions=canon.EMBED_DIMENSIONS,
        encoding_format="float",
    )
    ordered = sorted(result.data, key=lambda item: item.index)
    return SdkObservation(vectors=tuple(tuple(item.embedding) for item in ordered))
