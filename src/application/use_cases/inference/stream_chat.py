from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Sequence

import msgspec

from integration_api.application.authorization import require
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.use_cases.inference.session import InferenceSession
from integration_api.application.use_cases.inference.target import Target
from integration_api.domain.chat import ChatRequest, Usage
from integration_api.domain.credentials import Credential
from integration_api.domain.errors import ProviderError
from integration_api.domain.streaming import StreamEvent
from integration_api.domain.tenancy import Principal, Scope


async def _close(events: AsyncIterator[StreamEvent]) -> None:
    aclose = getattr(events, "aclose", None)
    if aclose is not None:
        with contextlib.suppress(Exception):
            await aclose()


class StreamChat:
    """Opens a stream and waits for its first event before returning, so a failure before
    the first byte can still fall back or become a plain error response. After that, events
    are relayed as they arrive; closing the returned iterator closes the upstream."""

    def __init__(self, session: InferenceSession, registry: ProviderRegistry) -> None:
        self._session = session
        self._registry = registry

    async def __call__(
        self,
        principal: Principal,
        target: Target,
        request: ChatRequest,
        fallbacks: Sequence[Target] = (),
    ) -> AsyncGenerator[StreamEvent, None]:
        require(principal, Scope.INFERENCE)
        await self._session.check_fallbacks(principal, fallbacks)
        targets = (target, *fallbacks)
        for position, current in enumerate(targets):
            credential, binding = await self._session.open(principal, current.credential_id)
            provider = self._registry.chat(credential.provider)
            call = msgspec.structs.replace(request, model=current.model)
            events = provider.stream(binding, call)
            del binding
            try:
                first = await anext(events)
            except ProviderError as error:
                await _close(events)
                await self._account(principal, credential, current, error.code, None)
                if error.retryable and position + 1 < len(targets):
                    continue
                raise
            return self._relay(principal, credential, current, first, events)
        raise AssertionError("unreachable: targets is never empty")

    async def _relay(
        self,
        principal: Principal,
        credential: Credential,
        target: Target,
        first: StreamEvent,
        events: AsyncIterator[StreamEvent],
    ) -> AsyncGenerator[StreamEvent, None]:
        usage: Usage | None = first if isinstance(first, Usage) else None
        outcome = "cancelled"
        try:
            yield first
            async for event in events:
                if isinstance(event, Usage):
                    usage = event
                yield event
            outcome = "ok"
        except ProviderError as error:
            outcome = error.code
            raise
        finally:
            await _close(events)
            await self._account(principal, credential, target, outcome, usage)

    async def _account(
        self,
        principal: Principal,
        credential: Credential,
        target: Target,
        outcome: str,
        usage: Usage | None,
    ) -> None:
        await self._session.account(
            principal,
            credential,
            operation="stream",
            model=target.model,
            outcome=outcome,
            usage=usage,
        )
