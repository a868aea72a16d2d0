"""Client helpers shared by the e2e tests."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

PROBE = Path(__file__).with_name("grpcio_probe.py")


async def grpcio(target: str, *commands: str) -> dict[str, Any]:
    """Runs the grpcio client (own process: see grpcio_probe.py) against `target`."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(PROBE),
        target,
        *commands,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    result: dict[str, Any] = json.loads(out)
    return result


def http_client(base_url: str) -> httpx.AsyncClient:
    # trust_env=False: never route loopback calls through a proxy from the environment.
    return httpx.AsyncClient(base_url=base_url, trust_env=False, timeout=5)


async def eventually(probe: Callable[[], Awaitable[bool]], *, within: float = 5.0) -> bool:
    """True as soon as `probe()` is; False if it never is within `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while loop.time() < deadline:
        if await probe():
            return True
        await asyncio.sleep(0.1)
    return False
