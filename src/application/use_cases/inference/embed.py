from __future__ import annotations

from integration_api.application.authorization import require
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.use_cases.inference.session import InferenceSession
from integration_api.domain.embeddings import EmbeddingRequest, EmbeddingResponse
from integration_api.domain.errors import ProviderError
from integration_api.domain.tenancy import Principal, Scope


class Embed:
    """Embeddings through a stored credential; vectors in input order."""

    def __init__(self, session: InferenceSession, registry: ProviderRegistry) -> None:
        self._session = session
        self._registry = registry

    async def __call__(
        self, principal: Principal, credential_id: str, request: EmbeddingRequest
    ) -> EmbeddingResponse:
        require(principal, Scope.INFERENCE)
        credential, binding = await self._session.open(principal, credential_id)
        provider = self._registry.embeddings(credential.provider)
        try:
            response = await provider.embed(binding, request)
        except ProviderError as error:
            await self._session.account(
                principal,
                credential,
                operation="embed",
                model=request.model,
                outcome=error.code,
                usage=None,
            )
            raise
        await self._session.account(
            principal,
            credential,
            operation="embed",
            model=request.model,
            outcome="ok",
            usage=response.usage,
        )
        return response
