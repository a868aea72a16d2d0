"""/v1/chat (JSON or SSE), /v1/embed, /v1/rerank, /v1/providers, /v1/models."""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.params import FromQuery, JSONBody
from litestar.response import Stream

from integration_api.domain.embeddings import EmbeddingRequest, RerankRequest
from integration_api.domain.providers import ModelInfo, ProviderSpec
from integration_api.entrypoints.rest.dependencies import ApplicationDependency, PrincipalDependency
from integration_api.entrypoints.rest.v1 import chat_schemas as s
from integration_api.entrypoints.rest.v1.chat_mapping import (
    chat_out,
    chat_request,
    embed_out,
    rerank_out,
    targets,
)
from integration_api.entrypoints.rest.v1.sse import SSE_HEADERS, sse_frames
from integration_api.entrypoints.validation import checked


@post("/chat", status_code=200)
async def chat(
    data: JSONBody[s.ChatBody],
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> Any:
    request = chat_request(data)
    target, fallbacks = targets(data)
    if not data.stream:
        response = await application.inference.chat(principal, target, request, fallbacks)
        return chat_out(response)
    events = await application.inference.stream_chat(principal, target, request, fallbacks)
    return Stream(sse_frames(events), media_type="text/event-stream", headers=SSE_HEADERS)


@post("/embed", status_code=200)
async def embed(
    data: JSONBody[s.EmbedBody],
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> s.EmbedOut:
    request = checked(
        "request",
        lambda: EmbeddingRequest(
            model=data.model,
            inputs=tuple(data.inputs),
            dimensions=data.dimensions,
            input_type=data.input_type,
        ),
    )
    return embed_out(await application.inference.embed(principal, data.credential_id, request))


@post("/rerank", status_code=200)
async def rerank(
    data: JSONBody[s.RerankBody],
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> s.RerankOut:
    request = checked(
        "request",
        lambda: RerankRequest(
            model=data.model, query=data.query, documents=tuple(data.documents), top_n=data.top_n
        ),
    )
    return rerank_out(await application.inference.rerank(principal, data.credential_id, request))


@get("/providers")
async def list_providers(
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> list[ProviderSpec]:
    return list(await application.inference.list_providers(principal))


@get("/models")
async def list_models(
    credential_id: FromQuery[str],
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> list[ModelInfo]:
    return list(await application.inference.list_models(principal, credential_id))


INFERENCE_ROUTES = [chat, embed, rerank, list_providers, list_models]
