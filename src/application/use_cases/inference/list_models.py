from __future__ import annotations

import msgspec

from integration_api.application.authorization import require
from integration_api.application.ports.cache import Cache
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.use_cases.inference.session import InferenceSession
from integration_api.domain.providers import ModelInfo
from integration_api.domain.tenancy import Principal, Scope

_decoder = msgspec.msgpack.Decoder(tuple[ModelInfo, ...])
_encoder = msgspec.msgpack.Encoder()
MODELS_TTL = 300.0


class ListModels:
    """The models a stored credential can use, cached per credential and secret version."""

    def __init__(self, session: InferenceSession, registry: ProviderRegistry, cache: Cache) -> None:
        self._session = session
        self._registry = registry
        self._cache = cache

    async def __call__(self, principal: Principal, credential_id: str) -> tuple[ModelInfo, ...]:
        require(principal, Scope.INFERENCE)
        credential, binding = await self._session.open(principal, credential_id)
        key = f"models:{credential.id}:{credential.secret_version}"
        cached = await self._cache.get(key)
        if cached is not None:
            return _decoder.decode(cached)
        models = await self._registry.models(credential.provider).list_models(binding)
        await self._cache.set(key, _encoder.encode(models), MODELS_TTL)
        return models
