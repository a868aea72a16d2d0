"""Opaque API tokens: minting, and authenticating callers that present one."""

from __future__ import annotations

import hmac
from datetime import datetime

from integration_api.adapters.auth.positive_cache import PositiveTokenCache
from integration_api.adapters.auth.token_format import (
    format_api_token,
    hash_token_secret,
    new_token_id,
    new_token_secret,
    parse_api_token,
)
from integration_api.application.ports.api_token_repository import (
    ApiTokenRecord,
    ApiTokenRepository,
)
from integration_api.application.ports.caller_authenticator import CallerAuthenticator
from integration_api.application.ports.clock import Clock
from integration_api.domain.errors import Unauthenticated
from integration_api.domain.tenancy import Principal, Scope, Tenant

__all__ = [
    "ApiTokenAuthenticator",
    "hash_token_secret",
    "mint_api_token",
    "parse_api_token",
]

REJECTED = "invalid or expired API token"


def mint_api_token(
    *,
    name: str,
    tenant: Tenant,
    scopes: frozenset[Scope],
    clock: Clock,
    expires_at: datetime | None = None,
) -> tuple[ApiTokenRecord, str]:
    """A new token record (holding only the secret's hash) and the token to hand out once."""
    token_id, secret = new_token_id(), new_token_secret()
    record = ApiTokenRecord(
        id=token_id,
        name=name,
        tenant=tenant,
        scopes=frozenset(scopes),
        token_hash=hash_token_secret(secret),
        created_at=clock.now(),
        expires_at=expires_at,
    )
    return record, format_api_token(token_id, secret)


class ApiTokenAuthenticator(CallerAuthenticator):
    """Authenticates `iapi_<id>_<secret>` tokens against the repository.

    Successful checks are cached for `cache_ttl` seconds (at most `cache_size` tokens;
    0 disables): within that window a revocation made through another process is not seen
    yet. `evict(token_id)` drops a token at once when revocation happens in this process.
    Every failure raises Unauthenticated with the same message, which never echoes the token.
    """

    def __init__(
        self,
        repository: ApiTokenRepository,
        clock: Clock,
        *,
        cache_ttl: float = 5.0,
        cache_size: int = 10_000,
    ) -> None:
        self._repository = repository
        self._clock = clock
        self._cache = PositiveTokenCache(ttl=cache_ttl, max_entries=cache_size)

    async def authenticate(self, bearer: str | None) -> Principal:
        parsed = parse_api_token(bearer or "")
        if parsed is None:
            raise Unauthenticated(REJECTED)
        token_id, secret = parsed
        now = self._clock.now()
        record = self._cache.get(token_id, now) or await self._repository.get(token_id)
        if record is None or not _secret_matches(record, secret) or not _usable(record, now):
            raise Unauthenticated(REJECTED)
        self._cache.put(record, now)
        return Principal(
            subject=record.name, tenant=record.tenant, scopes=record.scopes, kind="token"
        )

    def evict(self, token_id: str) -> None:
        """Forgets a cached success, e.g. right after revoking the token in this process."""
        self._cache.evict(token_id)


def _secret_matches(record: ApiTokenRecord, secret: str) -> bool:
    return hmac.compare_digest(record.token_hash, hash_token_secret(secret))


def _usable(record: ApiTokenRecord, now: datetime) -> bool:
    if record.revoked_at is not None:
        return False
    return record.expires_at is None or now < record.expires_at
