"""The composition root: the only module that imports dependency_injector.

`build_application(settings, overrides=...)` is what every host calls (the server, the CLI,
tests, another Python program embedding the service). Nothing is built at import time.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

from dependency_injector import containers, providers

from integration_api.adapters.auth.api_tokens import ApiTokenAuthenticator
from integration_api.adapters.auth.chain import ChainAuthenticator
from integration_api.adapters.auth.jwt_authenticator import JwtAuthenticator
from integration_api.adapters.auth.token_issuer import OpaqueTokenIssuer
from integration_api.adapters.crypto.envelope_cipher import AesGcmEnvelopeCipher
from integration_api.adapters.observability.logging_setup import configure_logging
from integration_api.adapters.observability.metrics import Metrics
from integration_api.adapters.observability.redaction import SecretRedactor
from integration_api.adapters.observability.usage_meter import MetricsUsageMeter
from integration_api.adapters.persistence.api_token_repository import SqlApiTokenRepository
from integration_api.adapters.persistence.audit_log import SqlAuditLog
from integration_api.adapters.persistence.credential_repository import SqlCredentialRepository
from integration_api.adapters.persistence.database import Database, create_database
from integration_api.adapters.persistence.schema_revision import schema_is_current
from integration_api.adapters.probe_health import ProbeHealthCheck
from integration_api.adapters.providers._shared.client import UpstreamClient
from integration_api.adapters.providers.catalog import build_default_registry
from integration_api.adapters.system_clock import SystemClock
from integration_api.application.auditor import Auditor
from integration_api.application.credential_store import CredentialStore
from integration_api.application.endpoint_policy import EndpointPolicy
from integration_api.application.facade import Application
from integration_api.application.ports.cache import Cache
from integration_api.application.ports.caller_authenticator import CallerAuthenticator
from integration_api.application.ports.credential_repository import CredentialRepository
from integration_api.application.ports.key_source import KeySource
from integration_api.application.secret_access import SecretAccess
from integration_api.application.use_cases.check_readiness import CheckReadiness
from integration_api.application.use_cases.credentials import CredentialUseCases
from integration_api.application.use_cases.credentials.create_credential import CreateCredential
from integration_api.application.use_cases.credentials.delete_credential import DeleteCredential
from integration_api.application.use_cases.credentials.get_credential import GetCredential
from integration_api.application.use_cases.credentials.list_audit import ListAudit
from integration_api.application.use_cases.credentials.list_credentials import ListCredentials
from integration_api.application.use_cases.credentials.rotate_secret import RotateSecret
from integration_api.application.use_cases.credentials.update_credential import UpdateCredential
from integration_api.application.use_cases.credentials.verify_candidate import VerifyCandidate
from integration_api.application.use_cases.credentials.verify_credential import VerifyCredential
from integration_api.application.use_cases.inference import InferenceUseCases
from integration_api.application.use_cases.inference.chat import Chat
from integration_api.application.use_cases.inference.embed import Embed
from integration_api.application.use_cases.inference.list_models import ListModels
from integration_api.application.use_cases.inference.list_providers import ListProviders
from integration_api.application.use_cases.inference.rerank import Rerank
from integration_api.application.use_cases.inference.resolve_model import ResolveModel
from integration_api.application.use_cases.inference.session import InferenceSession
from integration_api.application.use_cases.inference.stream_chat import StreamChat
from integration_api.application.use_cases.keys import KeyUseCases
from integration_api.application.use_cases.keys.key_status import KeyStatus
from integration_api.application.use_cases.keys.retire_kek import RetireKek
from integration_api.application.use_cases.keys.rewrap_keys import RewrapKeys
from integration_api.application.use_cases.keys.rotate_kek import RotateKek
from integration_api.application.use_cases.tokens import (
    CreateApiToken,
    ListApiTokens,
    RevokeApiToken,
    TokenUseCases,
)
from integration_api.settings import Settings

log = logging.getLogger("integration_api")

Closer = Callable[[], Awaitable[None]]


def _database(settings: Settings, closers: list[Closer]) -> Database:
    database = create_database(settings.effective_database_url)
    closers.append(database.aclose)
    return database


def _cache(settings: Settings, closers: list[Closer]) -> Cache:
    if settings.redis_url:
        from integration_api.adapters.cache.redis_cache import RedisCache

        redis = RedisCache(settings.redis_url)
        closers.append(redis.aclose)
        return redis
    from integration_api.adapters.cache.memory_cache import MemoryCache

    return MemoryCache()


def _key_source(settings: Settings) -> KeySource:
    if settings.key_source == "aws-kms":
        from integration_api.adapters.keys.aws_kms import AwsKmsKeySource

        return AwsKmsKeySource(
            settings.kms_key_id,
            region=settings.kms_region,
            endpoint_url=settings.kms_endpoint_url or None,
        )
    from integration_api.adapters.keys.local_keyring import LocalKeyring

    keyring_file = settings.keyring_file or str(Path(settings.data_dir) / "keyring.json")
    return LocalKeyring.from_settings(
        keyring=settings.keyring,
        keyring_file=Path(keyring_file),
        production=settings.is_production,
    )


def _audit_log(database: Database, closers: list[Closer]) -> SqlAuditLog:
    # small, frequent batches: each write's preparation runs on the event loop, so one
    # large batch shows up as a tail-latency spike for every request queued behind it
    audit = SqlAuditLog(database, batch_size=100, flush_interval=0.1)
    closers.append(audit.aclose)
    return audit


def _upstream(settings: Settings, closers: list[Closer]) -> UpstreamClient:
    client = UpstreamClient.from_settings(settings)
    closers.append(client.aclose)
    return client


def _authenticator(settings: Settings, api_tokens: CallerAuthenticator) -> CallerAuthenticator:
    jwt: CallerAuthenticator | None = None
    if settings.jwt_issuer:
        pem = (
            Path(settings.jwt_public_key_file).read_text() if settings.jwt_public_key_file else None
        )
        jwt = JwtAuthenticator(
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            hs256_secret=settings.jwt_hs256_secret or None,
            public_key_pem=pem,
            jwks_url=settings.jwt_jwks_url or None,
        )
    return ChainAuthenticator(api_tokens, jwt)


def _readiness(
    repository: CredentialRepository, cache: Cache, keys: KeySource, timeout: float
) -> CheckReadiness:
    checks = [
        ProbeHealthCheck("database", repository.ping),
        ProbeHealthCheck("cache", cache.ping),
        ProbeHealthCheck("key_source", keys.ping),
    ]
    return CheckReadiness(checks, timeout=timeout)


class Container(containers.DeclarativeContainer):
    settings: providers.Dependency[Settings] = providers.Dependency(instance_of=Settings)
    closers: providers.Singleton[list[Closer]] = providers.Singleton(list)

    clock = providers.Singleton(SystemClock)
    redactor = providers.Singleton(SecretRedactor)
    metrics = providers.Singleton(Metrics)
    usage_meter = providers.Singleton(MetricsUsageMeter, metrics)

    database = providers.Singleton(_database, settings, closers)
    credential_repository = providers.Singleton(SqlCredentialRepository, database)
    token_repository = providers.Singleton(SqlApiTokenRepository, database)
    audit_log = providers.Singleton(_audit_log, database, closers)
    cache = providers.Singleton(_cache, settings, closers)
    key_source = providers.Singleton(_key_source, settings)
    cipher = providers.Singleton(
        AesGcmEnvelopeCipher,
        key_source,
        data_key_cache_ttl=settings.provided.data_key_cache_ttl,
        on_open=redactor.provided.register,
    )
    upstream = providers.Singleton(_upstream, settings, closers)
    registry = providers.Singleton(build_default_registry, upstream)

    api_tokens = providers.Singleton(ApiTokenAuthenticator, token_repository, clock)
    authenticator = providers.Singleton(_authenticator, settings, api_tokens)

    auditor = providers.Singleton(Auditor, audit_log, clock)
    endpoints = providers.Singleton(
        EndpointPolicy, allow_private=settings.provided.allow_private_endpoints
    )
    store = providers.Singleton(
        CredentialStore, credential_repository, cache, settings.provided.credential_cache_ttl
    )
    access = providers.Singleton(SecretAccess, cipher)
    session = providers.Singleton(InferenceSession, store, access, auditor, usage_meter)

    credentials = providers.Singleton(
        CredentialUseCases,
        create=providers.Singleton(
            CreateCredential, credential_repository, cipher, registry, auditor, clock, endpoints
        ),
        get=providers.Singleton(GetCredential, store),
        list=providers.Singleton(ListCredentials, credential_repository),
        update=providers.Singleton(UpdateCredential, store, registry, auditor, clock, endpoints),
        rotate_secret=providers.Singleton(RotateSecret, store, cipher, registry, auditor, clock),
        delete=providers.Singleton(DeleteCredential, store, auditor),
        verify=providers.Singleton(VerifyCredential, store, access, registry, auditor, clock),
        verify_candidate=providers.Singleton(VerifyCandidate, registry, auditor, endpoints),
        audit=providers.Singleton(ListAudit, audit_log),
    )
    inference = providers.Singleton(
        InferenceUseCases,
        chat=providers.Singleton(Chat, session, registry),
        stream_chat=providers.Singleton(StreamChat, session, registry),
        embed=providers.Singleton(Embed, session, registry),
        rerank=providers.Singleton(Rerank, session, registry),
        list_providers=providers.Singleton(ListProviders, registry),
        list_models=providers.Singleton(ListModels, session, registry, cache),
        resolve_model=providers.Singleton(ResolveModel, credential_repository, registry),
    )
    rewrap = providers.Singleton(RewrapKeys, key_source, cipher, store)
    keys = providers.Singleton(
        KeyUseCases,
        status=providers.Singleton(KeyStatus, key_source, credential_repository),
        rotate=providers.Singleton(RotateKek, key_source, rewrap),
        rewrap=rewrap,
        retire=providers.Singleton(RetireKek, key_source, credential_repository),
    )
    tokens = providers.Singleton(
        TokenUseCases,
        create=providers.Singleton(
            CreateApiToken, providers.Singleton(OpaqueTokenIssuer, clock), token_repository
        ),
        list=providers.Singleton(ListApiTokens, token_repository),
        revoke=providers.Singleton(RevokeApiToken, token_repository, clock),
    )
    readiness = providers.Singleton(
        _readiness,
        credential_repository,
        cache,
        key_source,
        settings.provided.readiness_timeout,
    )


async def build_application(
    settings: Settings, *, overrides: Mapping[str, Any] | None = None
) -> Application:
    """Builds adapters and use cases. `overrides` replaces providers by name (for example
    `{"registry": ..., "credential_repository": ..., "key_source": ...}`) so hosts and tests
    can embed the service with the fakes from `integration_api.testing`."""
    container = Container(settings=providers.Object(settings))
    for name, value in (overrides or {}).items():
        getattr(container, name).override(providers.Object(value))
    redactor = container.redactor()
    configure_logging(settings.log_level, settings.log_format, redactor)
    if "credential_repository" not in (overrides or {}) and migrates_itself(settings):
        await _migrate(container.database(), settings.effective_database_url)
    audit = container.audit_log()
    start = getattr(audit, "start", None)
    if start is not None:
        await start()
    closers: list[Closer] = container.closers()
    return Application(
        authenticate=container.authenticator(),
        readiness=container.readiness(),
        credentials=container.credentials(),
        inference=container.inference(),
        keys=container.keys(),
        tokens=container.tokens(),
        metrics=container.metrics(),
        closers=closers,
    )


async def _migrate(database: Database, url: str) -> None:
    if await schema_is_current(database):
        return  # alembic is not even imported: it would stay resident (~25 MB)
    from integration_api.adapters.persistence.migrate import run_migrations_async

    await run_migrations_async(url)


def migrates_itself(settings: Settings) -> bool:
    """In development the embedded SQLite database is migrated on start; elsewhere
    `integration-api migrate` is an explicit deployment step."""
    return not settings.is_production and settings.effective_database_url.startswith("sqlite")
