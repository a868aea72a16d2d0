"""OpenAI-dialect embeddings: POST /embeddings, split into batches, vectors in input order."""

from __future__ import annotations

import msgspec

from integration_api.adapters.providers._shared import UpstreamClient, UpstreamRequest, decode_json
from integration_api.adapters.providers.openai.client import OpenAIDialect, endpoint_for
from integration_api.adapters.providers.openai.errors import OpenAIErrorMapper
from integration_api.adapters.providers.openai.wire import (
    WireEmbeddingRequest,
    WireEmbeddingResponse,
)
from integration_api.application.ports.embedding_provider import EmbeddingProvider
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.chat import Usage
from integration_api.domain.embeddings import EmbeddingRequest, EmbeddingResponse
from integration_api.domain.errors import ProviderInvalidResponse

MAX_BATCH = 2048  # OpenAI's limit on inputs per request

Vector = tuple[float, ...]


class OpenAIEmbeddings(EmbeddingProvider):
    """Embeds up to MAX_BATCH inputs per upstream call; `input_type` has no OpenAI
    counterpart and is ignored."""

    def __init__(
        self, client: UpstreamClient, dialect: OpenAIDialect, *, max_batch: int = MAX_BATCH
    ) -> None:
        self._client = client
        self._dialect = dialect
        self._max_batch = max_batch
        self._errors = OpenAIErrorMapper(dialect.provider, dialect.request_id_header)

    async def embed(self, binding: ProviderBinding, request: EmbeddingRequest) -> EmbeddingResponse:
        vectors: list[Vector] = []
        tokens = 0
        model = request.model
        for start in range(0, len(request.inputs), self._max_batch):
            batch = request.inputs[start : start + self._max_batch]
            wire = await self._call(binding, request, list(batch))
            vectors.extend(self._ordered(wire, len(batch), request.dimensions))
            tokens += (wire.usage.prompt_tokens or 0) if wire.usage else 0
            model = wire.model or model
        return EmbeddingResponse(
            vectors=tuple(vectors),
            usage=Usage(input_tokens=tokens),
            provider=self._dialect.provider,
            model=model,
        )

    async def _call(
        self, binding: ProviderBinding, request: EmbeddingRequest, inputs: list[str]
    ) -> WireEmbeddingResponse:
        endpoint = endpoint_for(binding, self._dialect)
        body = WireEmbeddingRequest(
            model=request.model, input=inputs, dimensions=request.dimensions
        )
        upstream = UpstreamRequest(
            method="POST",
            url=endpoint.url("/embeddings"),
            headers=endpoint.headers,
            body=msgspec.json.encode(body),
            provider=self._dialect.provider,
            operation="embed",
        )
        response = await self._client.send(upstream, self._errors)
        return decode_json(response.body, WireEmbeddingResponse, provider=self._dialect.provider)

    def _ordered(
        self, wire: WireEmbeddingResponse, count: int, dimensions: int | None
    ) -> list[Vector]:
        slots: list[Vector | None] = [None] * count
        for item in wire.data:
            if not 0 <= item.index < count or slots[item.index] is not None:
                raise self._invalid("an embedding index out of range or repeated")
            if dimensions is not None and len(item.embedding) != dimensions:
                raise self._invalid("an embedding of the wrong dimension")
            slots[item.index] = tuple(item.embedding)
        if any(slot is None for slot in slots):
            raise self._invalid("fewer embeddings than inputs")
        return [slot for slot in slots if slot is not None]

    def _invalid(self, what: str) -> ProviderInvalidResponse:
        provider = self._dialect.provider
        return ProviderInvalidResponse(f"{provider} returned {what}", provider=provider)
