"""Row builders shared by the storage contract suites (imported by module name: the
test folder is on sys.path in pytest's default import mode)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from integration_api.domain.audit import AuditAction, AuditEntry
from integration_api.domain.credentials import Credential, CredentialStatus, StoredCredential
from integration_api.domain.secrets import SealedSecret
from integration_api.domain.tenancy import Tenant

TENANT = Tenant(organization_id="org-a", project_id="proj-1")
OTHER_TENANT = Tenant(organization_id="org-b", project_id="proj-1")
T0 = datetime(2026, 1, 2, 3, 4, 5, 123456, tzinfo=UTC)


def sealed(kek_id: str = "kek-1", tag: bytes = b"\x00") -> SealedSecret:
    # Bytes outside UTF-8 prove binary columns round-trip untouched.
    return SealedSecret(
        kek_id=kek_id,
        wrapped_key=b"\xffwrapped" + tag,
        nonce=b"\x01" * 12,
        ciphertext=b"\x80cipher" + tag,
    )


def stored(
    *,
    tenant: Tenant = TENANT,
    name: str | None = None,
    provider: str = "openai",
    created_at: datetime = T0,
    kek_id: str = "kek-1",
    credential_id: str | None = None,
) -> StoredCredential:
    credential_id = credential_id or f"cred_{uuid.uuid4().hex[:12]}"
    credential = Credential(
        id=credential_id,
        tenant=tenant,
        provider=provider,
        name=name or f"name-{credential_id}",
        config={"endpoint": "https://example.invalid/v1", "region": "eu"},
        status=CredentialStatus.UNVERIFIED,
        fingerprint="sk-...wxyz",
        secret_version=1,
        created_at=created_at,
        updated_at=created_at,
    )
    return StoredCredential(credential=credential, sealed=sealed(kek_id, credential_id.encode()))


def audit_entry(*, tenant: Tenant = TENANT, at: datetime = T0, n: int = 0) -> AuditEntry:
    return AuditEntry(
        id=f"aud_{n:06d}_{uuid.uuid4().hex[:8]}",
        tenant=tenant,
        actor="token:ci",
        action=AuditAction.CREATE,
        credential_id="cred_1",
        outcome="ok",
        at=at + timedelta(microseconds=n),
        detail=None,
    )
