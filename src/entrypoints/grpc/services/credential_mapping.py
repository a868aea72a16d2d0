"""Domain credentials <-> integration.v1 protobuf messages (never a secret outbound)."""

from __future__ import annotations

from integration_api.domain.credentials import Credential, CredentialStatus, VerificationResult
from integration_api.entrypoints.grpc.generated.integration.v1 import credentials_pb2 as pb

_STATUS = {
    CredentialStatus.UNVERIFIED: pb.CREDENTIAL_STATUS_UNVERIFIED,
    CredentialStatus.VALID: pb.CREDENTIAL_STATUS_VALID,
    CredentialStatus.INVALID: pb.CREDENTIAL_STATUS_INVALID,
}


def credential_pb(c: Credential) -> pb.Credential:
    message = pb.Credential(
        id=c.id,
        provider=c.provider,
        name=c.name,
        config=c.config,
        status=_STATUS[c.status],
        fingerprint=c.fingerprint,
        secret_version=c.secret_version,
    )
    if c.last_error is not None:
        message.last_error = c.last_error
    if c.verified_at is not None:
        message.verified_at.FromDatetime(c.verified_at)
    message.created_at.FromDatetime(c.created_at)
    message.updated_at.FromDatetime(c.updated_at)
    return message


def verification_pb(r: VerificationResult) -> pb.VerificationResult:
    return pb.VerificationResult(ok=r.ok, error_code=r.error_code or "", message=r.message or "")
