"""REST shapes of credentials: what callers send and what they get back (never a secret)."""

from __future__ import annotations

from datetime import datetime

import msgspec

from integration_api.domain.credentials import Credential, VerificationResult


class CreateCredentialBody(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    provider: str
    name: str
    secret: dict[str, str]
    config: dict[str, str] = msgspec.field(default_factory=dict)


class PatchCredentialBody(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    name: str | None = None
    config: dict[str, str] | None = None


class RotateSecretBody(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    secret: dict[str, str]


class VerifyCandidateBody(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    provider: str
    secret: dict[str, str]
    config: dict[str, str] = msgspec.field(default_factory=dict)


class CredentialView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    provider: str
    name: str
    config: dict[str, str]
    status: str
    fingerprint: str
    secret_version: int
    verified_at: datetime | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, c: Credential) -> CredentialView:
        return cls(
            id=c.id,
            provider=c.provider,
            name=c.name,
            config=c.config,
            status=c.status.value,
            fingerprint=c.fingerprint,
            secret_version=c.secret_version,
            verified_at=c.verified_at,
            last_error=c.last_error,
            created_at=c.created_at,
            updated_at=c.updated_at,
        )


class CredentialPageView(msgspec.Struct, frozen=True, kw_only=True):
    items: list[CredentialView]
    next_cursor: str | None


class VerificationView(msgspec.Struct, frozen=True, kw_only=True):
    ok: bool
    error_code: str | None
    message: str | None

    @classmethod
    def of(cls, r: VerificationResult) -> VerificationView:
        return cls(ok=r.ok, error_code=r.error_code, message=r.message)
