"""The egress policy again at connect time: a credential's `base_url` passed the policy as
written, but its name may resolve (or later re-resolve, DNS rebinding) to a loopback,
link-local or metadata address. This resolver refuses such answers unless the operator
allows private endpoints. IP literals never reach a resolver; the policy checked them."""

from __future__ import annotations

import socket
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from integration_api.application.endpoint_policy import blocked_host


class EgressRefused(OSError):
    """A name resolved only to addresses the egress policy forbids."""


class EgressGuardResolver(AbstractResolver):
    def __init__(self, inner: AbstractResolver | None = None) -> None:
        self._inner = inner or aiohttp.DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        answers = await self._inner.resolve(host, port, family)
        allowed = [a for a in answers if not blocked_host(str(a["host"]))]
        if not allowed:
            raise EgressRefused(f"{host} resolves to a loopback or link-local address")
        return allowed

    async def close(self) -> None:
        await self._inner.close()


def refused_by_egress(exc: BaseException) -> bool:
    os_error: Any = getattr(exc, "os_error", None)
    return isinstance(os_error, EgressRefused) or isinstance(exc.__cause__, EgressRefused)
