"""Runs a provider's verifier on a candidate secret; shared by create, rotate and verify."""

from __future__ import annotations

from collections.abc import Mapping

from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.domain.credentials import VerificationResult
from integration_api.domain.errors import VerificationFailed
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

    async def require_valid(
        self, provider: str, secret: SecretValue, config: Mapping[str, str]
    ) -> None:
        """Raises VerificationFailed (so nothing gets stored) when the vendor rejects the key."""
        result = await self(provider, secret, config)
        if not result.ok:
            raise VerificationFailed(
                f"{provider} rejected the key: {result.message or result.error_code}",
                field="secret",
            )


def open_candidate(
    registry: ProviderRegistry, provider: str, secret: Mapping[str, str]
) -> SecretValue:
    spec = registry.spec(provider)
    return SecretValue(secret, primary=spec.primary_secret_field)
