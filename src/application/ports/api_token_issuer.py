from __future__ import annotations

from typing import Protocol

from integration_api.application.ports.api_token_repository import ApiTokenRecord
from integration_api.domain.tenancy import Scope, Tenant


class ApiTokenIssuer(Protocol):
    """Mints a caller token: returns the record to store (hash only) and the token, which
    exists nowhere else and is shown to the operator once."""

    def mint(
        self, *, name: str, tenant: Tenant, scopes: frozenset[Scope]
    ) -> tuple[ApiTokenRecord, str]: ...
