"""DictProviderRegistry: providers by name, each a ProviderEntry of declared adapters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from integration_api.application.ports.chat_provider import ChatProvider
from integration_api.application.ports.credential_verifier import CredentialVerifier
from integration_api.application.ports.embedding_provider import EmbeddingProvider
from integration_api.application.ports.model_lister import ModelLister
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.ports.rerank_provider import RerankProvider
from integration_api.domain.errors import UnsupportedCapability, ValidationFailed
from integration_api.domain.providers import ProviderSpec

T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class ProviderEntry:
    """One provider: its spec and the adapters for what it supports (None = unsupported).

    The spec's capability flags and the adapters present must agree; `check()` says so.
    """

    spec: ProviderSpec
    chat: ChatProvider | None = None
    embeddings: EmbeddingProvider | None = None
    rerank: RerankProvider | None = None
    verifier: CredentialVerifier | None = None
    models: ModelLister | None = None

    def check(self) -> None:
        """Raises ValueError when a declared capability has no adapter or the reverse."""
        caps = self.spec.capabilities
        pairs = {
            "chat": (caps.chat, self.chat),
            "embeddings": (caps.embeddings, self.embeddings),
            "rerank": (caps.rerank, self.rerank),
            "verify": (caps.verify, self.verifier),
            "list_models": (caps.list_models, self.models),
        }
        for name, (declared, adapter) in pairs.items():
            if declared != (adapter is not None):
                raise ValueError(f"{self.spec.name}: capability {name} and adapter disagree")


class DictProviderRegistry(ProviderRegistry):
    """Looks providers up in a fixed mapping built once at startup."""

    def __init__(self, entries: Mapping[str, ProviderEntry]) -> None:
        for name, entry in entries.items():
            if entry.spec.name != name:
                raise ValueError(f"registry key {name!r} names spec {entry.spec.name!r}")
            entry.check()
        self._entries = dict(entries)
        self._specs = tuple(entry.spec for entry in self._entries.values())

    def names(self) -> tuple[str, ...]:
        return tuple(self._entries)

    def entry(self, provider: str) -> ProviderEntry:
        entry = self._entries.get(provider)
        if entry is None:
            # the caller's value is not echoed: a key pasted into the wrong field stays out
            known = ", ".join(sorted(self._entries))
            raise ValidationFailed(f"unknown provider (known: {known})", field="provider")
        return entry

    def specs(self) -> tuple[ProviderSpec, ...]:
        return self._specs

    def spec(self, provider: str) -> ProviderSpec:
        return self.entry(provider).spec

    def chat(self, provider: str) -> ChatProvider:
        return _require(self.entry(provider).chat, provider, "chat")

    def embeddings(self, provider: str) -> EmbeddingProvider:
        return _require(self.entry(provider).embeddings, provider, "embeddings")

    def rerank(self, provider: str) -> RerankProvider:
        return _require(self.entry(provider).rerank, provider, "rerank")

    def verifier(self, provider: str) -> CredentialVerifier:
        return _require(self.entry(provider).verifier, provider, "verify")

    def models(self, provider: str) -> ModelLister:
        return _require(self.entry(provider).models, provider, "list_models")


def _require(adapter: T | None, provider: str, capability: str) -> T:
    if adapter is None:
        raise UnsupportedCapability(f"{provider} does not support {capability}")
    return adapter
