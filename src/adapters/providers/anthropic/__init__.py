"""Anthropic (Messages API): chat, streaming, tools, vision, JSON output, verify, models.

No embeddings or rerank: Anthropic has no such endpoints (it points to Voyage).
"""

from __future__ import annotations

from integration_api.adapters.providers._shared import UpstreamClient
from integration_api.adapters.providers.anthropic.chat import AnthropicChat
from integration_api.adapters.providers.anthropic.client import DEFAULT_BASE_URL, AnthropicClient
from integration_api.adapters.providers.anthropic.verify import (
    AnthropicModelLister,
    AnthropicVerifier,
)
from integration_api.adapters.providers.registry import ProviderEntry
from integration_api.domain.providers import FieldSpec, ProviderCapabilities, ProviderSpec

SPEC = ProviderSpec(
    name="anthropic",
    display_name="Anthropic",
    capabilities=ProviderCapabilities(
        chat=True,
        streaming=True,
        tools=True,
        parallel_tool_calls=True,
        json_output=True,
        json_schema=True,
        vision=True,
        verify=True,
        list_models=True,
    ),
    secret_fields=(FieldSpec(name="api_key", description="Anthropic API key (sk-ant-...)"),),
    config_fields=(
        FieldSpec(
            name="base_url",
            required=False,
            description=f"API root without /v1 (default {DEFAULT_BASE_URL})",
        ),
    ),
    primary_secret_field="api_key",
)


def build(client: UpstreamClient) -> ProviderEntry:
    """The Anthropic entry for the provider registry, on the process's one UpstreamClient."""
    anthropic = AnthropicClient(client)
    return ProviderEntry(
        spec=SPEC,
        chat=AnthropicChat(anthropic),
        verifier=AnthropicVerifier(anthropic),
        models=AnthropicModelLister(anthropic),
    )


__all__ = ["SPEC", "AnthropicChat", "AnthropicModelLister", "AnthropicVerifier", "build"]
