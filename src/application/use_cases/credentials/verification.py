"""Runs a provider's verifier on a candidate secret; shared by create, rotate and verify."""

from __future__ import annotations

from collections.abc import Mapping

from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.domain.credentials import VerificationResult
from integration_api.domain.secrets import SecretValue


class Verification:
    def __init__(self, registry: ProviderRegistry) -> None:
        self._registry = registry

    async def __call__(
        self, provider: str, secret: SecretValue, config: Mapping[str, str]
    ) -> VerificationResult:
        """ok=False when the vendor rejects the key; ProviderError when it could not answer."""
        binding = ProviderBinding(provider=provider, secret=secret, config=dict(config))
        return await self._registry.verifier(provider).verify(binding)


def open_candidate(
    registry: ProviderRegistry, provider: str, secret: Mapping[str, str]
) -> SecretValue:
    spec = registry.spec(provider)
    return SecretValue(secret, primary=spec.primary_secret_field)
