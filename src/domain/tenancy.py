"""Who owns what: tenants, callers and their scopes."""

from __future__ import annotations

import enum

import msgspec


class Scope(enum.StrEnum):
    CREDENTIALS_READ = "credentials:read"
    CREDENTIALS_WRITE = "credentials:write"
    INFERENCE = "inference"


ALL_SCOPES: frozenset[Scope] = frozenset(Scope)


class Tenant(msgspec.Struct, frozen=True, kw_only=True):
    """An organization's project; every credential belongs to exactly one."""

    organization_id: str
    project_id: str

    def __post_init__(self) -> None:
        for name in ("organization_id", "project_id"):
            value = getattr(self, name)
            if not value or "|" in value or len(value) > 128:
                raise ValueError(f"{name} must be 1-128 characters without '|'")


class Principal(msgspec.Struct, frozen=True, kw_only=True):
    """An authenticated caller: a subject acting for one tenant with some scopes."""

    subject: str
    tenant: Tenant
    scopes: frozenset[Scope]
    kind: str = "token"

    def has(self, scope: Scope) -> bool:
        return scope in self.scopes
