from __future__ import annotations

from integration_api.adapters.auth.api_tokens import mint_api_token
from integration_api.application.ports.api_token_issuer import ApiTokenIssuer
from integration_api.application.ports.api_token_repository import ApiTokenRecord
from integration_api.application.ports.clock import Clock
from integration_api.domain.tenancy import Scope, Tenant


class OpaqueTokenIssuer(ApiTokenIssuer):
    """Mints `iapi_<id>_<secret>` tokens whose records hold only the secret's hash."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def mint(
        self, *, name: str, tenant: Tenant, scopes: frozenset[Scope]
    ) -> tuple[ApiTokenRecord, str]:
        return mint_api_token(name=name, tenant=tenant, scopes=scopes, clock=self._clock)
