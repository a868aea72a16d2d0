from __future__ import annotations

from integration_api.application.authorization import require
from integration_api.application.ports.credential_repository import CredentialRepository
from integration_api.domain.credentials import Credential
from integration_api.domain.errors import ValidationFailed
from integration_api.domain.paging import MAX_PAGE_SIZE, Page
from integration_api.domain.tenancy import Principal, Scope


class ListCredentials:
    """A cursor page of the tenant's credential metadata, oldest first."""

    def __init__(self, repository: CredentialRepository) -> None:
        self._repository = repository

    async def __call__(
        self,
        principal: Principal,
        *,
        provider: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page[Credential]:
        require(principal, Scope.CREDENTIALS_READ)
        if not 1 <= limit <= MAX_PAGE_SIZE:
            raise ValidationFailed(f"limit must be between 1 and {MAX_PAGE_SIZE}", field="limit")
        page = await self._repository.list(
            principal.tenant, provider=provider, cursor=cursor, limit=limit
        )
        return Page(items=tuple(r.credential for r in page.items), next_cursor=page.next_cursor)
