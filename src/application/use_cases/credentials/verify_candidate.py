from __future__ import annotations

from integration_api.application.auditor import Auditor
from integration_api.application.authorization import require
from integration_api.application.endpoint_policy import EndpointPolicy
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.provider_fields import validate_config, validate_secret
from integration_api.application.use_cases.credentials.verification import (
    Verification,
    open_candidate,
)
from integration_api.domain.audit import AuditAction
from integration_api.domain.credentials import VerificationResult
from integration_api.domain.errors import IntegrationError
from integration_api.domain.tenancy import Principal, Scope


class VerifyCandidate:
    """Checks a secret with its provider without storing anything."""

    def __init__(
        self, registry: ProviderRegistry, audit: Auditor, endpoints: EndpointPolicy
    ) -> None:
        self._endpoints = endpoints
        self._registry = registry
        self._verify = Verification(registry)
        self._audit = audit

    async def __call__(
        self,
        principal: Principal,
        provider: str,
        secret: dict[str, str],
        config: dict[str, str],
    ) -> VerificationResult:
        require(principal, Scope.CREDENTIALS_WRITE)
        spec = self._registry.spec(provider)
        validate_secret(spec, secret)
        validate_config(spec, config)
        self._endpoints.check(config)
        candidate = open_candidate(self._registry, provider, secret)
        try:
            result = await self._verify(provider, candidate, config)
        except IntegrationError as error:  # an outage is audited too
            await self._audit(principal, AuditAction.VERIFY, None, error.code)
            raise
        await self._audit(
            principal, AuditAction.VERIFY, None, "ok" if result.ok else "verification_failed"
        )
        return result
