"""Caller-token management (operator CLI), bundled for the Application facade."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from integration_api.application.ports.api_token_issuer import ApiTokenIssuer
from integration_api.application.ports.api_token_repository import (
    ApiTokenRecord,
    ApiTokenRepository,
)
from integration_api.application.ports.clock import Clock
from integration_api.domain.errors import NotFound, ValidationFailed
from integration_api.domain.tenancy import Scope, Tenant


class CreateApiToken:
    """Stores a new token's hash and returns (record, token); the token is never stored."""

    def __init__(self, issuer: ApiTokenIssuer, repository: ApiTokenRepository) -> None:
        self._issuer = issuer
        self._repository = repository

    async def __call__(
        self, *, name: str, tenant: Tenant, scopes: Iterable[str]
    ) -> tuple[ApiTokenRecord, str]:
        try:
            parsed = frozenset(Scope(s) for s in scopes)
        except ValueError:
            allowed = ", ".join(s.value for s in Scope)
            raise ValidationFailed(f"unknown scope (allowed: {allowed})", field="scope") from None
        if not name.strip():
            raise ValidationFailed("name must not be empty", field="name")
        record, token = self._issuer.mint(
            name=name, tenant=tenant, scopes=parsed or frozenset(Scope)
        )
        await self._repository.add(record)
        return record, token


class ListApiTokens:
    def __init__(self, repository: ApiTokenRepository) -> None:
        self._repository = repository

    async def __call__(self) -> list[ApiTokenRecord]:
        return await self._repository.list()


class RevokeApiToken:
    def __init__(self, repository: ApiTokenRepository, clock: Clock) -> None:
        self._repository = repository
        self._clock = clock

    async def __call__(self, token_id: str) -> None:
        if not await self._repository.revoke(token_id, self._clock.now()):
            raise NotFound(f"no active token '{token_id}'", field="token_id")


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenUseCases:
    create: CreateApiToken
    list: ListApiTokens
    revoke: RevokeApiToken
