from __future__ import annotations

from typing import Protocol

from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.credentials import VerificationResult


class CredentialVerifier(Protocol):
    """Checks a secret with the vendor's cheapest authenticated call.

    Returns ok=False for a rejected key (401/403); raises ProviderError when the vendor
    could not answer (timeout, 5xx), so an outage is never recorded as a bad key.
    """

    async def verify(self, binding: ProviderBinding) -> VerificationResult: ...
