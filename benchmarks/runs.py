"""One measured case, and how a case is driven: wrk for unary HTTP when installed, the
asyncio load process otherwise, each pinned to the load core."""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

import msgspec

from benchmarks import wrk
from benchmarks.load.spec import LoadResult, LoadSpec
from benchmarks.meter import Meter
from benchmarks.procs import pinned, spawn
from benchmarks.scenarios import Case


@dataclass
class Run:
    case: Case
    result: LoadResult
    tool: str
    cpu_ms_per_request: float | None  # the service's (None on direct runs)
    peak_rss_mb: float | None  # the service's
    mock_cpu_ms_per_request: float | None  # shows the mock is never the bottleneck


@dataclass(frozen=True)
class Driver:
    """Runs load specs from `workdir`, on `cores`."""

    workdir: Path
    cores: str | None

    async def drive(self, spec: LoadSpec, meters: tuple[Meter, ...]) -> tuple[LoadResult, str]:
        if spec.kind == "http_unary" and wrk.available():
            return await self._wrk(spec, meters), "wrk"
        tool = "grpclib" if spec.kind == "grpc_stream" else "aiohttp"
        return await self._load_process(spec, meters), tool

    async def _wrk(self, spec: LoadSpec, meters: tuple[Meter, ...]) -> LoadResult:
        script = wrk.script(spec, self.workdir / "wrk.lua")
        if spec.warmup > 0:
            await wrk.run_wrk(wrk.command(spec, script, spec.warmup, self.cores))
        for meter in meters:
            meter.begin()
        result = await wrk.run_wrk(wrk.command(spec, script, spec.duration, self.cores))
        for meter in meters:
            meter.end()
        return result

    async def _load_process(self, spec: LoadSpec, meters: tuple[Meter, ...]) -> LoadResult:
        command = [sys.executable, "-m", "benchmarks.load", msgspec.json.encode(spec).decode()]
        process = await spawn(pinned(command, self.cores), log=self.workdir / "load.log")
        assert process.stdout is not None
        result: LoadResult | None = None
        async for raw in process.stdout:
            line = raw.decode().strip()
            if line == "MEASURE_START":
                for meter in meters:
                    meter.begin()
            elif line == "MEASURE_END":
                for meter in meters:
                    meter.end()
            elif line.startswith("RESULT "):
                result = msgspec.json.decode(line.removeprefix("RESULT "), type=LoadResult)
        await process.wait()
        if result is None:
            log = (self.workdir / "load.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"the load process failed:\n{log}")
        return result


async def measure(
    case: Case, spec: LoadSpec, driver: Driver, service_pids: list[int], mock_pids: list[int]
) -> Run:
    """Drives `spec`, metering the service (service cases) and the mock."""
    service = Meter(service_pids if case.surface != "direct" else [])
    mock = Meter(mock_pids)
    async with service, mock:
        result, tool = await driver.drive(spec, (service, mock))
    await asyncio.sleep(0.2)  # let in-flight work from the warm-up and the window drain
    return Run(
        case=case,
        result=result,
        tool=tool,
        cpu_ms_per_request=service.per_request_ms(result.requests),
        peak_rss_mb=service.peak_rss_mb or None,
        mock_cpu_ms_per_request=mock.per_request_ms(result.requests),
    )
