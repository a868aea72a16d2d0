"""`integration-api serve` as a user runs it: a real process on one free port, answering
REST and gRPC (grpcio), stopping cleanly on SIGTERM; a bad setting stops it at once."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from e2e.probes import grpcio, http_client

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("integration_api.container") is None,
    reason="integration_api.container (build_application) is not written yet",
)

SERVING_LINE = re.compile(r"serving REST and gRPC on (\S+?:\d+)")


def command() -> list[str]:
    script = Path(sys.executable).with_name("integration-api")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "integration_api.entrypoints.cli"]


def environment(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTEGRATION_API_")}
    env["INTEGRATION_API_DATA_DIR"] = str(tmp_path / "data")
    env["INTEGRATION_API_LOG_FORMAT"] = "text"
    env.update({f"INTEGRATION_API_{k.upper()}": v for k, v in settings.items()})
    return env


class Running:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.log: list[str] = []
        self.address: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._reader = asyncio.create_task(self._read_stderr())

    async def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        async for raw in self.process.stderr:
            line = raw.decode(errors="replace").rstrip()
            self.log.append(line)
            found = SERVING_LINE.search(line)
            if found and not self.address.done():
                self.address.set_result(found.group(1))
        if not self.address.done():
            self.address.set_exception(RuntimeError("serve exited:\n" + "\n".join(self.log)))

    async def stop(self) -> int:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(self.process.wait(), 20)
        await self._reader
        return code


async def start_serve(tmp_path: Path, *args: str) -> AsyncIterator[Running]:
    process = await asyncio.create_subprocess_exec(
        *command(),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        *args,
        cwd=tmp_path,  # no stray .env from the repository
        env=environment(tmp_path),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    running = Running(process)
    try:
        yield running
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


@pytest.fixture
async def serve(tmp_path: Path) -> AsyncIterator[Running]:
    async for running in start_serve(tmp_path):
        yield running


@pytest.fixture
async def serve_two_workers(tmp_path: Path) -> AsyncIterator[Running]:
    async for running in start_serve(tmp_path, "--workers", "2"):
        yield running


def children_of(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


async def test_serve_answers_rest_and_grpc_then_exits_0_on_sigterm(serve: Running) -> None:
    address = await asyncio.wait_for(serve.address, 30)
    async with http_client(f"http://{address}") as client:
        healthz = await client.get("/healthz/")
        readiness = await client.get("/readiness/")
    probe = await grpcio(address, "check", "list")

    assert healthz.status_code == 200
    assert readiness.status_code == 200
    assert readiness.json()["ready"] is True
    assert probe["check"] == "SERVING"
    assert {"grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"} <= set(
        probe["list"]
    )
    assert await serve.stop() == 0, "\n".join(serve.log)


async def test_two_workers_share_the_port_and_stop_together(
    serve_two_workers: Running,
) -> None:
    address = await asyncio.wait_for(serve_two_workers.address, 30)

    async def answers() -> bool:
        async with http_client(f"http://{address}") as client:
            try:
                return (await client.get("/readiness/")).status_code == 200
            except Exception as exc:
                raise AssertionError("\n".join(serve_two_workers.log)) from exc

    assert all([await answers() for _ in range(4)])
    assert len(children_of(serve_two_workers.process.pid)) == 2
    assert await serve_two_workers.stop() == 0, "\n".join(serve_two_workers.log)


@pytest.mark.parametrize(
    ("variable", "value"),
    [("INTEGRATION_API_PORT", "not-a-port"), ("INTEGRATION_API_LOG_FORMAT", "xml")],
)
async def test_a_bad_setting_exits_2_with_one_line_naming_it(
    tmp_path: Path, variable: str, value: str
) -> None:
    env = environment(tmp_path)
    env[variable] = value
    process = await asyncio.create_subprocess_exec(
        *command(),
        "serve",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 30)
    lines = err.decode().strip().splitlines()
    assert process.returncode == 2
    assert len(lines) == 1, lines
    assert variable in lines[0]
    assert out == b""
