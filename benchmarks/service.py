"""The service under test: `integration-api serve` in its own process on a fresh data
directory (SQLite, local keyring, in-process cache: the out-of-the-box configuration),
pinned to its core, with one caller token and one OpenAI credential pointing at the mock."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from benchmarks.procs import pinned, spawn, stop, tree

SERVING = re.compile(r"serving REST and gRPC on (\S+?):(\d+)")
FAKE_KEY = "sk-bench-fake-canary-not-a-real-key"


def cli() -> list[str]:
    script = Path(sys.executable).with_name("integration-api")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "integration_api.entrypoints.cli"]


def environment(data_dir: Path) -> dict[str, str]:
    """The caller's environment without its INTEGRATION_API_* settings (so a developer's
    shell does not skew the run), except INTEGRATION_API_UPSTREAM_* ones, forwarded so a run
    can compare upstream transports or pool sizes."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("INTEGRATION_API_") or k.startswith("INTEGRATION_API_UPSTREAM_")
    }
    env["INTEGRATION_API_DATA_DIR"] = str(data_dir)
    env["INTEGRATION_API_ALLOW_PRIVATE_ENDPOINTS"] = "true"  # the mock is on 127.0.0.1
    return env


@dataclass
class Service:
    process: asyncio.subprocess.Process
    host: str
    port: int
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def target(self) -> str:
        return f"{self.host}:{self.port}"

    def check_alive(self) -> None:
        """Raises with the end of its log when the service has exited."""
        if self.process.returncode is not None:
            code = self.process.returncode
            raise RuntimeError(f"the service exited ({code}):\n{_tail(self.log)}")

    def pids(self) -> list[int]:
        """The serving process and its workers."""
        return tree(self.process.pid)

    async def stop(self) -> None:
        await stop(self.process)


async def start(data_dir: Path, *, workers: int, cores: str | None) -> Service:
    """Starts serving on a free port; returns once it announced the port."""
    log = data_dir.parent / f"service-w{workers}.log"
    command = [*cli(), "serve", "--host", "127.0.0.1", "--port", "0", "--workers", str(workers)]
    process = await spawn(pinned(command, cores), env=environment(data_dir), log=log)
    host, port = await _announced(process, log)
    return Service(process=process, host=host, port=port, log=log)


async def _announced(process: asyncio.subprocess.Process, log: Path) -> tuple[str, int]:
    for _ in range(300):  # 30 s
        found = _announcement(log)
        if found:
            return found
        if process.returncode is not None:
            break
        await asyncio.sleep(0.1)
    await stop(process)
    raise RuntimeError(f"integration-api serve did not start:\n{_tail(log)}")


def _announcement(log: Path) -> tuple[str, int] | None:
    found = SERVING.search(log.read_text(errors="replace")) if log.exists() else None
    return (found.group(1), int(found.group(2))) if found else None


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:] if log.exists() else ""


async def mint_token(data_dir: Path) -> str:
    """`integration-api tokens create`: the token is the last line of stdout."""
    command = [*cli(), "tokens", "create", "--organization", "bench", "--project", "bench"]
    process = await asyncio.create_subprocess_exec(
        *command,
        env=environment(data_dir),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"tokens create failed: {err.decode(errors='replace')[-500:]}")
    return out.decode().strip().splitlines()[-1]


async def create_credential(service: Service, token: str, upstream_base_url: str) -> str:
    """POST /v1/credentials?verify=false; returns the credential id."""
    body = {
        "provider": "openai",
        "name": "bench-mock",
        "secret": {"api_key": FAKE_KEY},
        "config": {"base_url": upstream_base_url},
    }
    headers = {"Authorization": f"Bearer {token}"}
    url = f"{service.base_url}/v1/credentials?verify=false"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=body, headers=headers) as response,
    ):
        payload = await response.json()
        if response.status != 201 and response.status != 200:
            raise RuntimeError(f"creating the credential failed: {response.status} {payload}")
    return str(payload["id"])
