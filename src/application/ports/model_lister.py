from __future__ import annotations

from typing import Protocol

from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.providers import ModelInfo


class ModelLister(Protocol):
    """Lists the models a credential can use. Raises ProviderError subclasses."""

    async def list_models(self, binding: ProviderBinding) -> tuple[ModelInfo, ...]: ...
