from __future__ import annotations

from integration_api.application.authorization import require
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.use_cases.inference.session import InferenceSession
from integration_api.domain.embeddings import RerankRequest, RerankResponse
from integration_api.domain.tenancy import Principal, Scope


class Rerank:
    """Reranks documents through a stored credential; results sorted by score."""

    def __init__(self, session: InferenceSession, registry: ProviderRegistry) -> None:
        self._session = session
        self._registry = registry

    async def __call__(
        self, principal: Principal, credential_id: str, request: RerankRequest
    ) -> RerankResponse:
        require(principal, Scope.INFERENCE)
        return await self._session.call(
            principal,
            credential_id,
            operation="rerank",
            model=request.model,
            invoke=lambda credential, binding: self._registry.rerank(credential.provider).rerank(
                binding, request
            ),
            usage_of=lambda response: response.usage,
        )
