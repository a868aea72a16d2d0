"""Embeddings come back in input order with the requested dimensions."""

from __future__ import annotations

import provider_canon as canon
from provider_suite import Running

from integration_api.domain.embeddings import EmbeddingRequest


async def test_embeddings_keep_input_order_and_dimensions(provider: Running) -> None:
    provider.require("embeddings")
    provider.require("embedding_dimensions")
    provider.harness.program("embeddings_order_dimensions")
    assert provider.entry.embeddings is not None
    request = EmbeddingRequest(
        model=provider.harness.embedding_model,
        inputs=canon.EMBED_INPUTS,
        dimensions=canon.EMBED_DIMENSIONS,
    )
    response = await provider.entry.embeddings.embed(provider.harness.binding(), request)
    expected = tuple(
        canon.vector(i, canon.EMBED_DIMENSIONS) for i in range(len(canon.EMBED_INPUTS))
    )
    assert response.vectors == expected
    assert response.provider == provider.harness.name
