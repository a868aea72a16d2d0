"""OpenAI (the reference dialect): chat, streaming, tools, JSON output, images,
embeddings, verify and model listing. Other OpenAI-dialect servers reuse `build_dialect`."""

from __future__ import annotations

from integration_api.adapters.providers._shared import UpstreamClient
from integration_api.adapters.providers.openai.chat import OpenAIChat
from integration_api.adapters.providers.openai.client import OpenAIDialect
from integration_api.adapters.providers.openai.embedding import OpenAIEmbeddings
from integration_api.adapters.providers.openai.verify import OpenAIModelLister, OpenAIVerifier
from integration_api.adapters.providers.registry import ProviderEntry
from integration_api.domain.providers import FieldSpec, ProviderCapabilities, ProviderSpec

SPEC = ProviderSpec(
    name="openai",
    display_name="OpenAI",
    capabilities=ProviderCapabilities(
        chat=True,
        streaming=True,
        tools=True,
        parallel_tool_calls=True,
        json_output=True,
        json_schema=True,
        vision=True,
        embeddings=True,
        embedding_dimensions=True,
        verify=True,
        list_models=True,
    ),
    secret_fields=(FieldSpec(name="api_key", description="OpenAI API key (sk-...)"),),
    config_fields=(
        FieldSpec(name="base_url", required=False, description="default https://api.openai.com/v1"),
        FieldSpec(name="organization", required=False, description="OpenAI-Organization header"),
        FieldSpec(name="project", required=False, description="OpenAI-Project header"),
    ),
)

DIALECT = OpenAIDialect(provider="openai")


def build_dialect(
    client: UpstreamClient, spec: ProviderSpec, dialect: OpenAIDialect
) -> ProviderEntry:
    """The entry for any OpenAI-dialect provider: adapters for what `spec` declares."""
    caps = spec.capabilities
    return ProviderEntry(
        spec=spec,
        chat=OpenAIChat(client, dialect) if caps.chat else None,
        embeddings=OpenAIEmbeddings(client, dialect) if caps.embeddings else None,
        verifier=OpenAIVerifier(client, dialect) if caps.verify else None,
        models=OpenAIModelLister(client, dialect) if caps.list_models else None,
    )


def build(client: UpstreamClient) -> ProviderEntry:
    return build_dialect(client, SPEC, DIALECT)


__all__ = ["DIALECT", "SPEC", "OpenAIDialect", "build", "build_dialect"]
