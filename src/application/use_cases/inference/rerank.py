from __future__ import annotations

from integration_api.application.authorization import require
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.use_cases.inference.session import InferenceSession
from integration_api.domain.embeddings import RerankRequest, RerankResponse
from integration_api.domain.errors import ProviderError
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
        credential, binding = await self._session.open(principal, credential_id)
        provider = self._registry.rerank(credential.provider)
        try:
            response = await provider.rerank(binding, request)
        except ProviderError as error:
            await self._session.account(
                principal,
                credential,
                operation="rerank",
                model=request.model,
                outcome=error.code,
                usage=None,
            )
            raise
        await self._session.account(
            principal,
            credential,
            operation="rerank",
            model=request.model,
            outcome="ok",
            usage=response.usage,
        )
        return response
