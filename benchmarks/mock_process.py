"""The mock upstream in its own process, pinned to the load core."""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks import scenarios as sc
from benchmarks.procs import pinned, spawn, stop


@dataclass
class MockProcess:
    process: asyncio.subprocess.Process
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pids(self) -> list[int]:
        return [self.process.pid]

    async def stop(self) -> None:
        await stop(self.process)


async def start_mock(workdir: Path, cores: str | None) -> MockProcess:
    chunks, delay = sc.HOLD_PROFILE
    command = [
        sys.executable,
        "-m",
        "benchmarks.mock_upstream",
        f"--chunks={sc.STREAM_CHUNKS}",
        f"--delay={sc.STREAM_DELAY}",
        f"--dimensions={sc.EMBED_DIMENSIONS}",
        f"--profile={sc.HOLD_MODEL}={chunks}:{delay}",
    ]
    process = await spawn(pinned(command, cores), log=workdir / "mock.log")
    assert process.stdout is not None
    try:
        line = await asyncio.wait_for(process.stdout.readline(), 15)
    except TimeoutError:
        line = b""
    if not line.startswith(b"listening "):
        await stop(process)
        raise RuntimeError(f"the mock upstream did not start; see {workdir / 'mock.log'}")
    return MockProcess(process=process, port=int(line.split()[1]))
