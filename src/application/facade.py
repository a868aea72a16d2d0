"""The Application facade: every use case a host (REST, gRPC, CLI, another Python program)
may call, built once by `integration_api.container.build_application`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, NoReturn

from integration_api.application.ports.caller_authenticator import CallerAuthenticator
from integration_api.application.ports.metrics_exporter import MetricsExporter
from integration_api.application.use_cases.check_readiness import CheckReadiness
from integration_api.application.use_cases.credentials import CredentialUseCases
from integration_api.application.use_cases.inference import InferenceUseCases
from integration_api.application.use_cases.keys import KeyUseCases
from integration_api.application.use_cases.tokens import TokenUseCases


class Application:
    """Immutable after construction. A plain class (not a dataclass or Struct) on purpose:
    web frameworks that validate dependencies pass it through untouched."""

    __slots__ = ("authenticate", "closers", "credentials", "inference", "keys", "metrics",
                 "readiness", "tokens")  # fmt: skip

    authenticate: CallerAuthenticator
    readiness: CheckReadiness
    credentials: CredentialUseCases
    inference: InferenceUseCases
    keys: KeyUseCases
    tokens: TokenUseCases
    metrics: MetricsExporter
    closers: Sequence[Callable[[], Awaitable[None]]]

    def __init__(
        self,
        *,
        authenticate: CallerAuthenticator,
        readiness: CheckReadiness,
        credentials: CredentialUseCases,
        inference: InferenceUseCases,
        keys: KeyUseCases,
        tokens: TokenUseCases,
        metrics: MetricsExporter,
        closers: Sequence[Callable[[], Awaitable[None]]] = (),
    ) -> None:
        values = {
            "authenticate": authenticate, "readiness": readiness, "credentials": credentials,
            "inference": inference, "keys": keys, "tokens": tokens, "metrics": metrics,
            "closers": tuple(closers),
        }  # fmt: skip
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError("Application is immutable")

    async def aclose(self) -> None:
        """Flushes buffered writes (audit, usage) and closes pools, in reverse build order."""
        for close in reversed(self.closers):
            await close()
