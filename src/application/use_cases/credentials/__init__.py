"""Credential use cases, bundled for the Application facade."""

from __future__ import annotations

from dataclasses import dataclass

from integration_api.application.use_cases.credentials.create_credential import CreateCredential
from integration_api.application.use_cases.credentials.delete_credential import DeleteCredential
from integration_api.application.use_cases.credentials.get_credential import GetCredential
from integration_api.application.use_cases.credentials.list_audit import ListAudit
from integration_api.application.use_cases.credentials.list_credentials import ListCredentials
from integration_api.application.use_cases.credentials.rotate_secret import RotateSecret
from integration_api.application.use_cases.credentials.update_credential import UpdateCredential
from integration_api.application.use_cases.credentials.verify_candidate import VerifyCandidate
from integration_api.application.use_cases.credentials.verify_credential import VerifyCredential


@dataclass(frozen=True, slots=True, kw_only=True)
class CredentialUseCases:
    create: CreateCredential
    get: GetCredential
    list: ListCredentials
    update: UpdateCredential
    rotate_secret: RotateSecret
    delete: DeleteCredential
    verify: VerifyCredential
    verify_candidate: VerifyCandidate
    audit: ListAudit


__all__ = ["CredentialUseCases"]
