from __future__ import annotations

from typing import Protocol

from integration_api.application.ports.chat_provider import ChatProvider
from integration_api.application.ports.credential_verifier import CredentialVerifier
from integration_api.application.ports.embedding_provider import EmbeddingProvider
from integration_api.application.ports.model_lister import ModelLister
from integration_api.application.ports.rerank_provider import RerankProvider
from integration_api.domain.providers import ProviderSpec


class ProviderRegistry(Protocol):
    """Finds a provider's spec and adapters by name. The only place that knows providers.

    Unknown names raise ValidationFailed(field="provider"); a capability the provider lacks
    raises UnsupportedCapability.
    """

    def specs(self) -> tuple[ProviderSpec, ...]: ...

    def spec(self, provider: str) -> ProviderSpec: ...

    def chat(self, provider: str) -> ChatProvider: ...

    def embeddings(self, provider: str) -> EmbeddingProvider: ...

    def rerank(self, provider: str) -> RerankProvider: ...

    def verifier(self, provider: str) -> CredentialVerifier: ...

    def models(self, provider: str) -> ModelLister: ...
