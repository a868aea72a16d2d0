from __future__ import annotations

from integration_api.application.authorization import require
from integration_api.application.ports.credential_repository import CredentialRepository
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.use_cases.inference.target import Target
from integration_api.domain.errors import NotFound, ValidationFailed
from integration_api.domain.tenancy import Principal, Scope

CREDENTIAL_PREFIX = "cred_"


class ResolveModel:
    """Turns an OpenAI-dialect model name into a Target: `<credential-id>/<model>`, or
    `<provider>/<model>` for the tenant's default (oldest) credential of that provider."""

    def __init__(self, repository: CredentialRepository, registry: ProviderRegistry) -> None:
        self._repository = repository
        self._registry = registry

    async def __call__(self, principal: Principal, qualified_model: str) -> Target:
        require(principal, Scope.INFERENCE)
        head, sep, model = qualified_model.partition("/")
        if not sep or not head or not model:
            raise ValidationFailed(
                "model must be '<credential-id>/<model>' or '<provider>/<model>'", field="model"
            )
        if head.startswith(CREDENTIAL_PREFIX):
            return Target(credential_id=head, model=model)
        self._registry.spec(head)  # unknown provider -> ValidationFailed(field="provider")
        page = await self._repository.list(principal.tenant, provider=head, cursor=None, limit=1)
        if not page.items:
            raise NotFound(f"no credential for provider '{head}' in this project", field="model")
        return Target(credential_id=page.items[0].credential.id, model=model)
