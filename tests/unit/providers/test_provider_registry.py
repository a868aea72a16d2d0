"""DictProviderRegistry and the catalog: lookups, unknown names, missing capabilities."""

from __future__ import annotations

import pytest

from integration_api.adapters.providers._shared import UpstreamClient
from integration_api.adapters.providers.catalog import build_default_registry
from integration_api.adapters.providers.registry import DictProviderRegistry, ProviderEntry
from integration_api.domain.errors import UnsupportedCapability, ValidationFailed
from integration_api.testing.fake_chat_provider import FAKE_SPEC, build_fake_entry


async def test_catalog_registers_the_shipped_providers() -> None:
    client = UpstreamClient()
    try:
        registry = build_default_registry(client, extra={"fake": build_fake_entry()})
    finally:
        await client.aclose()
    names = {spec.name for spec in registry.specs()}
    assert {"openai", "anthropic", "openai_compatible", "fake"} <= names
    assert registry.spec("openai").capabilities.embeddings


def test_unknown_provider_is_a_validation_error_on_the_provider_field() -> None:
    registry = DictProviderRegistry({"fake": build_fake_entry()})
    with pytest.raises(ValidationFailed) as caught:
        registry.chat("nope")
    assert caught.value.field == "provider"


async def test_missing_capability_is_unsupported() -> None:
    client = UpstreamClient()
    try:
        registry = build_default_registry(client)
        with pytest.raises(UnsupportedCapability):
            registry.rerank("openai")
    finally:
        await client.aclose()


def test_declared_capabilities_must_match_the_adapters() -> None:
    fake = build_fake_entry()
    with pytest.raises(ValueError, match="and adapter disagree"):
        DictProviderRegistry({"fake": ProviderEntry(spec=FAKE_SPEC, chat=fake.chat)})
    with pytest.raises(ValueError, match="names spec"):
        DictProviderRegistry({"other": fake})
