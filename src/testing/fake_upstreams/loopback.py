"""The lifecycle every fake upstream shares: an aiohttp app on 127.0.0.1, port chosen by the
OS, usable as an async context manager. A fake adds its routes and its URL suffix."""

from __future__ import annotations

from typing import Self

from aiohttp import web


class LoopbackServer:
    base_path = ""  # appended to http://127.0.0.1:PORT to form `base_url`

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def add_routes(self, app: web.Application) -> None:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self) -> str:
        app = web.Application()
        self.add_routes(app)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}{self.base_path}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
