"""Where and how to reach an OpenAI-dialect server for one credential binding."""

from __future__ import annotations

from typing import Literal

import msgspec

from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.errors import ProviderAuthFailed, ProviderRejectedRequest

OPENAI_BASE_URL = "https://api.openai.com/v1"


class OpenAIDialect(msgspec.Struct, frozen=True, kw_only=True):
    """Declared differences between servers that speak the OpenAI wire format.

    `default_base_url` None means the credential must name one; `max_tokens_field` is
    `max_completion_tokens` on OpenAI (reasoning models refuse `max_tokens`) and
    `max_tokens` on servers that predate the rename.
    """

    provider: str
    default_base_url: str | None = OPENAI_BASE_URL
    api_key_required: bool = True
    max_tokens_field: Literal["max_tokens", "max_completion_tokens"] = "max_completion_tokens"
    request_id_header: str = "x-request-id"


class Endpoint(msgspec.Struct, frozen=True, kw_only=True):
    base_url: str
    headers: dict[str, str]

    def url(self, path: str) -> str:
        return self.base_url + path


def endpoint_for(binding: ProviderBinding, dialect: OpenAIDialect) -> Endpoint:
    """Base URL and headers (bearer key, optional organization/project) for one call.

    Raises ProviderAuthFailed without a key where one is required, and
    ProviderRejectedRequest(field="base_url") without a base URL where one is required.
    """
    base_url = binding.config.get("base_url") or dialect.default_base_url
    if not base_url:
        raise ProviderRejectedRequest(
            f"{dialect.provider} needs base_url in the credential config",
            provider=dialect.provider,
            field="base_url",
        )
    headers = {"content-type": "application/json", "accept": "application/json"}
    api_key = binding.secret.get("api_key")
    if api_key:
        headers["authorization"] = "Bearer " + api_key
    elif dialect.api_key_required:
        raise ProviderAuthFailed(
            f"{dialect.provider} credential has no api_key", provider=dialect.provider
        )
    if organization := binding.config.get("organization"):
        headers["openai-organization"] = organization
    if project := binding.config.get("project"):
        headers["openai-project"] = project
    return Endpoint(base_url=base_url.rstrip("/"), headers=headers)
