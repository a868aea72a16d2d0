"""Pure mapping between StoredCredential and a `credentials` table row."""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy.engine import RowMapping

from integration_api.domain.credentials import Credential, CredentialStatus, StoredCredential
from integration_api.domain.secrets import SealedSecret
from integration_api.domain.tenancy import Tenant

_config_decoder = msgspec.json.Decoder(dict[str, str])


def sealed_values(sealed: SealedSecret) -> dict[str, Any]:
    return {
        "kek_id": sealed.kek_id,
        "wrapped_key": sealed.wrapped_key,
        "nonce": sealed.nonce,
        "ciphertext": sealed.ciphertext,
        "format_version": sealed.format_version,
    }


def metadata_values(credential: Credential) -> dict[str, Any]:
    """Everything but the key columns (id, tenant, created_at), for inserts and updates."""
    return {
        "provider": credential.provider,
        "name": credential.name,
        "config": msgspec.json.encode(credential.config).decode(),
        "status": credential.status.value,
        "fingerprint": credential.fingerprint,
        "secret_version": credential.secret_version,
        "updated_at": credential.updated_at,
        "verified_at": credential.verified_at,
        "last_error": credential.last_error,
    }


def mutable_values(credential: Credential) -> dict[str, Any]:
    """The columns a metadata update may write: not the secret's version or fingerprint."""
    values = metadata_values(credential)
    for column in ("provider", "fingerprint", "secret_version"):
        del values[column]
    return values


def to_values(row: StoredCredential) -> dict[str, Any]:
    credential = row.credential
    return {
        "id": credential.id,
        "organization_id": credential.tenant.organization_id,
        "project_id": credential.tenant.project_id,
        "created_at": credential.created_at,
        **metadata_values(credential),
        **sealed_values(row.sealed),
    }


def from_row(row: RowMapping) -> StoredCredential:
    credential = Credential(
        id=row["id"],
        tenant=Tenant(organization_id=row["organization_id"], project_id=row["project_id"]),
        provider=row["provider"],
        name=row["name"],
        config=_config_decoder.decode(row["config"]),
        status=CredentialStatus(row["status"]),
        fingerprint=row["fingerprint"],
        secret_version=row["secret_version"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        verified_at=row["verified_at"],
        last_error=row["last_error"],
    )
    sealed = SealedSecret(
        kek_id=row["kek_id"],
        wrapped_key=bytes(row["wrapped_key"]),
        nonce=bytes(row["nonce"]),
        ciphertext=bytes(row["ciphertext"]),
        format_version=row["format_version"],
    )
    return StoredCredential(credential=credential, sealed=sealed)
