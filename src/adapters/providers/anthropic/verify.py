"""Key verification and model listing: both are GET /v1/models, the cheapest authenticated
call Anthropic offers (it costs no tokens)."""

from __future__ import annotations

from urllib.parse import urlencode

from integration_api.adapters.providers._shared import decode_json
from integration_api.adapters.providers.anthropic import wire
from integration_api.adapters.providers.anthropic.client import AnthropicClient
from integration_api.adapters.providers.anthropic.errors import PROVIDER
from integration_api.application.ports.credential_verifier import CredentialVerifier
from integration_api.application.ports.model_lister import ModelLister
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.credentials import VerificationResult
from integration_api.domain.errors import ProviderAuthFailed, ProviderPermissionDenied
from integration_api.domain.providers import ModelInfo

MODELS_PATH = "/v1/models"
PAGE_SIZE = 1000  # the API's maximum
MAX_PAGES = 20  # a bound against a server that always says has_more


class AnthropicVerifier(CredentialVerifier):
    """ok=True on 200; ok=False when Anthropic rejects the key (401) or refuses it (403,
    billing); any other failure raises, so an outage is never recorded as a bad key."""

    def __init__(self, client: AnthropicClient) -> None:
        self._client = client

    async def verify(self, binding: ProviderBinding) -> VerificationResult:
        try:
            await self._client.send(binding, "GET", f"{MODELS_PATH}?limit=1", "verify")
        except (ProviderAuthFailed, ProviderPermissionDenied) as error:
            return VerificationResult(ok=False, error_code=error.code, message=error.message)
        return VerificationResult(ok=True)


class AnthropicModelLister(ModelLister):
    """Every model the key can use, following `after_id` pages."""

    def __init__(self, client: AnthropicClient, *, page_size: int = PAGE_SIZE) -> None:
        self._client = client
        self._page_size = page_size

    async def list_models(self, binding: ProviderBinding) -> tuple[ModelInfo, ...]:
        models: list[ModelInfo] = []
        after: str | None = None
        for _ in range(MAX_PAGES):
            page = await self._page(binding, after)
            models.extend(ModelInfo(id=m.id, provider=PROVIDER) for m in page.data)
            if not page.has_more or not page.last_id:
                break
            after = page.last_id
        return tuple(models)

    async def _page(self, binding: ProviderBinding, after: str | None) -> wire.ModelsPage:
        query = {"limit": self._page_size} | ({"after_id": after} if after else {})
        path = f"{MODELS_PATH}?{urlencode(query)}"
        response = await self._client.send(binding, "GET", path, "models")
        return decode_json(
            response.body,
            wire.ModelsPage,
            provider=PROVIDER,
            request_id=response.headers.get("request-id"),
        )
