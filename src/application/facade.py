"""The Application facade: every use case a host (REST, gRPC, CLI, another Python program)
may call, built once by `integration_api.container.build_application`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from integration_api.application.ports.caller_authenticator import CallerAuthenticator
from integration_api.application.ports.metrics_exporter import MetricsExporter
from integration_api.application.use_cases.check_readiness import CheckReadiness

if TYPE_CHECKING:
    from integration_api.application.use_cases.credentials import CredentialUseCases
    from integration_api.application.use_cases.inference import InferenceUseCases
    from integration_api.application.use_cases.keys import KeyUseCases


@dataclass(frozen=True, slots=True, kw_only=True)
class Application:
    authenticate: CallerAuthenticator
    readiness: CheckReadiness
    credentials: CredentialUseCases
    inference: InferenceUseCases
    keys: KeyUseCases
    metrics: MetricsExporter
    closers: Sequence[Callable[[], Awaitable[None]]] = field(default=())

    async def aclose(self) -> None:
        """Flushes buffered writes (audit, usage) and closes pools, in reverse build order."""
        for close in reversed(self.closers):
            await close()
