"""The Application built with the in-memory fakes from integration_api.testing: no I/O,
as another Python host would embed it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from integration_api.adapters.cache.memory_cache import MemoryCache
from integration_api.adapters.providers.registry import DictProviderRegistry
from integration_api.application.facade import Application
from integration_api.container import build_application
from integration_api.domain.tenancy import ALL_SCOPES, Principal, Scope, Tenant
from integration_api.settings import load_settings
from integration_api.testing.fake_chat_provider import FakeChatProvider, build_fake_entry
from integration_api.testing.fake_key_source import in_memory_key_source
from integration_api.testing.memory_audit import InMemoryAuditLog
from integration_api.testing.memory_credentials import InMemoryCredentialRepository
from integration_api.testing.memory_tokens import InMemoryApiTokenRepository

TENANT = Tenant(organization_id="acme", project_id="web")
OTHER = Tenant(organization_id="acme", project_id="mobile")


def principal(tenant: Tenant = TENANT, scopes: frozenset[Scope] = ALL_SCOPES) -> Principal:
    return Principal(subject="svc", tenant=tenant, scopes=scopes)


@dataclass
class Embedded:
    app: Application
    fake: FakeChatProvider
    repository: InMemoryCredentialRepository
    audit: InMemoryAuditLog
    data_dir: Path


@pytest.fixture
async def embedded(tmp_path: Path) -> AsyncIterator[Embedded]:
    fake = FakeChatProvider()
    repository = InMemoryCredentialRepository()
    audit = InMemoryAuditLog()
    overrides = {
        "credential_repository": repository,
        "token_repository": InMemoryApiTokenRepository(),
        "audit_log": audit,
        "cache": MemoryCache(),
        "key_source": in_memory_key_source(),
        "registry": DictProviderRegistry({"fake": build_fake_entry(fake)}),
    }
    settings = load_settings({"INTEGRATION_API_DATA_DIR": str(tmp_path)}, dotenv=None)
    app = await build_application(settings, overrides=overrides)
    yield Embedded(app, fake, repository, audit, tmp_path)
    await app.aclose()
