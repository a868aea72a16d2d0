"""Every provider the service ships, as a dict of factories (no if/elif on names)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from integration_api.adapters.providers import anthropic, openai, openai_compatible
from integration_api.adapters.providers._shared import UpstreamClient
from integration_api.adapters.providers.registry import DictProviderRegistry, ProviderEntry

ProviderFactory = Callable[[UpstreamClient], ProviderEntry]

FACTORIES: Mapping[str, ProviderFactory] = {
    "openai": openai.build,
    "anthropic": anthropic.build,
    "openai_compatible": openai_compatible.build,
}


def build_default_registry(
    client: UpstreamClient, *, extra: Mapping[str, ProviderEntry] | None = None
) -> DictProviderRegistry:
    """All shipped providers on one shared client; `extra` adds entries (e.g. the fake)."""
    entries = {name: factory(client) for name, factory in FACTORIES.items()}
    entries.update(extra or {})
    return DictProviderRegistry(entries)
