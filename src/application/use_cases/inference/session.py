"""The per-call steps every inference use case shares: load the caller's credential, open
its secret for this call only, and account for the call (usage + audit)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from integration_api.application.auditor import Auditor
from integration_api.application.credential_store import CredentialStore
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.application.ports.usage_meter import UsageMeter
from integration_api.application.secret_access import SecretAccess
from integration_api.application.use_cases.inference.target import Target
from integration_api.domain.audit import AuditAction
from integration_api.domain.chat import Usage
from integration_api.domain.credentials import Credential
from integration_api.domain.errors import ProviderError
from integration_api.domain.tenancy import Principal

T = TypeVar("T")


class InferenceSession:
    def __init__(
        self, store: CredentialStore, access: SecretAccess, audit: Auditor, meter: UsageMeter
    ) -> None:
        self._store = store
        self._access = access
        self._audit = audit
        self._meter = meter

    async def open(
        self, principal: Principal, credential_id: str
    ) -> tuple[Credential, ProviderBinding]:
        row = await self._store.load(principal.tenant, credential_id)
        return row.credential, await self._access.open(row)

    async def call(
        self,
        principal: Principal,
        credential_id: str,
        *,
        operation: str,
        model: str,
        invoke: Callable[[Credential, ProviderBinding], Awaitable[T]],
        usage_of: Callable[[T], Usage | None],
    ) -> T:
        """Opens the credential, runs `invoke` once, and accounts for it either way."""
        credential, binding = await self.open(principal, credential_id)
        try:
            result = await invoke(credential, binding)
        except ProviderError as error:
            await self.account(
                principal, credential, operation=operation, model=model,
                outcome=error.code, usage=None,
            )  # fmt: skip
            raise
        await self.account(
            principal, credential, operation=operation, model=model,
            outcome="ok", usage=usage_of(result),
        )  # fmt: skip
        return result

    async def check_fallbacks(self, principal: Principal, fallbacks: Sequence[Target]) -> None:
        """Every fallback must name a credential of the caller's tenant, whether or not it
        is needed, so a misconfigured fallback is reported as itself (NotFound) up front."""
        for target in fallbacks:
            await self._store.load(principal.tenant, target.credential_id)

    async def account(
        self,
        principal: Principal,
        credential: Credential,
        *,
        operation: str,
        model: str,
        outcome: str,
        usage: Usage | None,
    ) -> None:
        self._meter.record(
            provider=credential.provider, operation=operation, outcome=outcome, usage=usage
        )
        detail = f"{operation} model={model}"
        if usage is not None:
            detail += f" input_tokens={usage.input_tokens} output_tokens={usage.output_tokens}"
        await self._audit(principal, AuditAction.USE, credential.id, outcome, detail)
