"""Runs one operator command against a freshly built Application, then closes it."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable

from integration_api.application.facade import Application
from integration_api.domain.errors import IntegrationError
from integration_api.settings import load_settings


def run_with_application(command: Callable[[Application], Awaitable[int]]) -> int:
    """Builds the Application from the environment, runs `command`, closes it. A domain
    error prints as one line on stderr and exits 1."""

    async def go() -> int:
        from integration_api.container import build_application

        application = await build_application(load_settings())
        try:
            return await command(application)
        except IntegrationError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            return 1
        finally:
            await application.aclose()

    return asyncio.run(go())
