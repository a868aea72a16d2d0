from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

import msgspec

from integration_api.application.authorization import require
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.use_cases.inference.session import InferenceSession
from integration_api.application.use_cases.inference.target import Target
from integration_api.domain.chat import ChatRequest, ChatResponse
from integration_api.domain.credentials import Credential
from integration_api.domain.errors import ProviderError
from integration_api.domain.tenancy import Principal, Scope


class Chat:
    """One chat completion through the target's provider; on a retryable provider failure
    the fallbacks are tried in order. Raises the last error when every target failed."""

    def __init__(self, session: InferenceSession, registry: ProviderRegistry) -> None:
        self._session = session
        self._registry = registry

    async def __call__(
        self,
        principal: Principal,
        target: Target,
        request: ChatRequest,
        fallbacks: Sequence[Target] = (),
    ) -> ChatResponse:
        require(principal, Scope.INFERENCE)
        await self._session.check_fallbacks(principal, fallbacks)
        targets = (target, *fallbacks)
        for position, current in enumerate(targets):
            call = msgspec.structs.replace(request, model=current.model)
            try:
                return await self._session.call(
                    principal,
                    current.credential_id,
                    operation="chat",
                    model=current.model,
                    invoke=self._invoker(call),
                    usage_of=lambda response: response.usage,
                )
            except ProviderError as error:
                if error.retryable and position + 1 < len(targets):
                    continue
                raise
        raise AssertionError("unreachable: targets is never empty")

    def _invoker(
        self, request: ChatRequest
    ) -> Callable[[Credential, ProviderBinding], Awaitable[ChatResponse]]:
        def invoke(credential: Credential, binding: ProviderBinding) -> Awaitable[ChatResponse]:
            return self._registry.chat(credential.provider).chat(binding, request)

        return invoke
