"""/openai/v1/chat/completions, /openai/v1/embeddings, /openai/v1/models."""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from litestar import get, post
from litestar.params import JSONBody
from litestar.response import Stream

from integration_api.domain.embeddings import EmbeddingRequest
from integration_api.domain.errors import IntegrationError
from integration_api.entrypoints.rest.dependencies import ApplicationDependency, PrincipalDependency
from integration_api.entrypoints.rest.openai_dialect import schemas as s
from integration_api.entrypoints.rest.openai_dialect.mapping import (
    chat_request,
    completion_object,
    embedding_item,
)
from integration_api.entrypoints.rest.openai_dialect.stream import ChunkWriter, openai_chunks
from integration_api.entrypoints.rest.v1.sse import SSE_HEADERS
from integration_api.entrypoints.validation import checked

log = logging.getLogger(__name__)


@post("/chat/completions", status_code=200)
async def chat_completions(
    data: JSONBody[s.ChatCompletionBody],
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> Any:
    target = await application.inference.resolve_model(principal, data.model)
    request = chat_request(data, target.model)
    id, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
    if not data.stream:
        response = await application.inference.chat(principal, target, request)
        return completion_object(response, id=id, created=created, model=data.model)
    events = await application.inference.stream_chat(principal, target, request)
    include_usage = bool(data.stream_options and data.stream_options.include_usage)
    writer = ChunkWriter(id=id, created=created, model=data.model)
    chunks = openai_chunks(events, writer, include_usage=include_usage)
    return Stream(chunks, media_type="text/event-stream", headers=SSE_HEADERS)


@post("/embeddings", status_code=200)
async def embeddings(
    data: JSONBody[s.EmbeddingsBody],
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> dict[str, Any]:
    target = await application.inference.resolve_model(principal, data.model)
    inputs = (data.input,) if isinstance(data.input, str) else tuple(data.input)
    request = checked(
        "input",
        lambda: EmbeddingRequest(model=target.model, inputs=inputs, dimensions=data.dimensions),
    )
    response = await application.inference.embed(principal, target.credential_id, request)
    items = [embedding_item(i, v, data.encoding_format) for i, v in enumerate(response.vectors)]
    usage = {
        "prompt_tokens": response.usage.input_tokens,
        "total_tokens": response.usage.total_tokens,
    }
    return {"object": "list", "data": items, "model": data.model, "usage": usage}


@get("/models")
async def models(
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> dict[str, Any]:
    """Every model of every credential in the caller's project, named `<credential-id>/<model>`."""
    page = await application.credentials.list(principal, limit=200)
    data: list[dict[str, Any]] = []
    for credential in page.items:
        try:
            found = await application.inference.list_models(principal, credential.id)
        except IntegrationError as exc:  # one unreachable provider must not hide the others
            log.info("models of %s unavailable: %s", credential.id, exc.code)
            continue
        created = int(credential.created_at.timestamp())
        data.extend(
            {
                "id": f"{credential.id}/{m.id}",
                "object": "model",
                "created": created,
                "owned_by": m.owned_by or credential.provider,
            }
            for m in found
        )
    return {"object": "list", "data": data}


OPENAI_ROUTES = [chat_completions, embeddings, models]
