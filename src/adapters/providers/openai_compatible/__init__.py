"""OpenAI-compatible servers (Ollama, vLLM, llama.cpp, LM Studio) reached by `base_url`.

Declared data only: a spec and a dialect; the OpenAI adapters do the work (providers.md
§12). The key is optional (most local servers run without one) and base_url is required.
"""

from __future__ import annotations

from integration_api.adapters.providers._shared import UpstreamClient
from integration_api.adapters.providers.openai import OpenAIDialect, build_dialect
from integration_api.adapters.providers.registry import ProviderEntry
from integration_api.domain.providers import FieldSpec, ProviderCapabilities, ProviderSpec

SPEC = ProviderSpec(
    name="openai_compatible",
    display_name="OpenAI-compatible server",
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
    secret_fields=(
        FieldSpec(name="api_key", required=False, description="only if the server wants one"),
    ),
    config_fields=(
        FieldSpec(name="base_url", description="e.g. http://localhost:11434/v1 (Ollama)"),
    ),
)

# Servers that predate `max_completion_tokens` read `max_tokens`.
DIALECT = OpenAIDialect(
    provider="openai_compatible",
    default_base_url=None,
    api_key_required=False,
    max_tokens_field="max_tokens",
)


def build(client: UpstreamClient) -> ProviderEntry:
    return build_dialect(client, SPEC, DIALECT)
