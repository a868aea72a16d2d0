"""OpenAI-dialect credential check and model listing, both on GET /models."""

from __future__ import annotations

from integration_api.adapters.providers._shared import (
    UpstreamClient,
    UpstreamRequest,
    UpstreamResponse,
    decode_json,
)
from integration_api.adapters.providers.openai.client import OpenAIDialect, endpoint_for
from integration_api.adapters.providers.openai.errors import OpenAIErrorMapper
from integration_api.adapters.providers.openai.wire import WireModelList
from integration_api.application.ports.credential_verifier import CredentialVerifier
from integration_api.application.ports.model_lister import ModelLister
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.credentials import VerificationResult
from integration_api.domain.errors import ProviderAuthFailed, ProviderPermissionDenied
from integration_api.domain.providers import ModelInfo


class _ModelsCall:
    def __init__(self, client: UpstreamClient, dialect: OpenAIDialect) -> None:
        self._client = client
        self._dialect = dialect
        self._errors = OpenAIErrorMapper(dialect.provider, dialect.request_id_header)

    async def _get_models(self, binding: ProviderBinding, operation: str) -> UpstreamResponse:
        endpoint = endpoint_for(binding, self._dialect)
        upstream = UpstreamRequest(
            method="GET",
            url=endpoint.url("/models"),
            headers=endpoint.headers,
            provider=self._dialect.provider,
            operation="verify" if operation == "verify" else "models",
        )
        return await self._client.send(upstream, self._errors)


class OpenAIVerifier(_ModelsCall, CredentialVerifier):
    """ok=False on 401/403 (and a missing key); other failures raise, so an outage is never
    recorded as a bad key."""

    async def verify(self, binding: ProviderBinding) -> VerificationResult:
        try:
            await self._get_models(binding, "verify")
        except (ProviderAuthFailed, ProviderPermissionDenied) as exc:
            return VerificationResult(ok=False, error_code=exc.code, message=exc.message)
        return VerificationResult(ok=True)


class OpenAIModelLister(_ModelsCall, ModelLister):
    async def list_models(self, binding: ProviderBinding) -> tuple[ModelInfo, ...]:
        response = await self._get_models(binding, "models")
        wire = decode_json(response.body, WireModelList, provider=self._dialect.provider)
        return tuple(
            ModelInfo(id=m.id, provider=self._dialect.provider, owned_by=m.owned_by)
            for m in wire.data
        )
