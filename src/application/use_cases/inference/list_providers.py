from __future__ import annotations

from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.domain.providers import ProviderSpec
from integration_api.domain.tenancy import Principal


class ListProviders:
    """Every registered provider with its capabilities and the fields it takes."""

    def __init__(self, registry: ProviderRegistry) -> None:
        self._registry = registry

    async def __call__(self, principal: Principal) -> tuple[ProviderSpec, ...]:
        return self._registry.specs()
