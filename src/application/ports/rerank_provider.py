from __future__ import annotations

from typing import Protocol

from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.embeddings import RerankRequest, RerankResponse


class RerankProvider(Protocol):
    """Scores documents against a query; results sorted by score. Raises ProviderError."""

    async def rerank(self, binding: ProviderBinding, request: RerankRequest) -> RerankResponse: ...
