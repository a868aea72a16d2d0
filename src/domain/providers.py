"""What a provider is and can do, as declared data (never probed)."""

from __future__ import annotations

import msgspec


class ProviderCapabilities(msgspec.Struct, frozen=True, kw_only=True):
    chat: bool = False
    streaming: bool = False
    tools: bool = False
    parallel_tool_calls: bool = False
    json_output: bool = False
    json_schema: bool = False
    vision: bool = False
    embeddings: bool = False
    embedding_dimensions: bool = False
    rerank: bool = False
    verify: bool = False
    list_models: bool = False


class FieldSpec(msgspec.Struct, frozen=True, kw_only=True):
    """One secret or config field a provider takes."""

    name: str
    required: bool = True
    description: str = ""


class ProviderSpec(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    display_name: str
    capabilities: ProviderCapabilities
    secret_fields: tuple[FieldSpec, ...]
    config_fields: tuple[FieldSpec, ...] = ()
    primary_secret_field: str = "api_key"


class ModelInfo(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    provider: str
    owned_by: str | None = None
