"""A stored provider credential's metadata; never the secret itself."""

from __future__ import annotations

import enum
from datetime import datetime

import msgspec

from integration_api.domain.secrets import SealedSecret
from integration_api.domain.tenancy import Tenant


class CredentialStatus(enum.StrEnum):
    UNVERIFIED = "unverified"
    VALID = "valid"
    INVALID = "invalid"


class Credential(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    tenant: Tenant
    provider: str
    name: str
    config: dict[str, str]
    status: CredentialStatus
    fingerprint: str
    secret_version: int
    created_at: datetime
    updated_at: datetime
    verified_at: datetime | None = None
    last_error: str | None = None


class StoredCredential(msgspec.Struct, frozen=True, kw_only=True):
    """A credential row: metadata plus its sealed secret (ciphertext only)."""

    credential: Credential
    sealed: SealedSecret


class VerificationResult(msgspec.Struct, frozen=True, kw_only=True):
    ok: bool
    error_code: str | None = None
    message: str | None = None
