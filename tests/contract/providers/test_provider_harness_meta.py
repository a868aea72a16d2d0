"""Every registered provider has a harness, and every harness names a real provider."""

from __future__ import annotations

from provider_suite import HARNESSES

from integration_api.adapters.providers._shared import UpstreamClient
from integration_api.adapters.providers.catalog import FACTORIES, build_default_registry
from integration_api.testing.fake_chat_provider import build_fake_entry


async def test_every_registered_provider_has_a_harness() -> None:
    client = UpstreamClient()
    try:
        registry = build_default_registry(client, extra={"fake": build_fake_entry()})
        registered = {spec.name for spec in registry.specs()}
    finally:
        await client.aclose()
    missing = registered - set(HARNESSES)
    assert not missing, f"providers without a contract harness: {sorted(missing)}"
    assert set(FACTORIES) <= registered


def test_harness_modules_name_their_provider() -> None:
    for stem, factory in HARNESSES.items():
        assert factory().name == stem
