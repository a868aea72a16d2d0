"""The whole run: mock and service up, every case direct and through the service in turn,
1,000 held streams, idle memory, and `--workers 2`; then everything stopped."""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from benchmarks import profile, service
from benchmarks import scenarios as sc
from benchmarks.mock_process import MockProcess, start_mock
from benchmarks.procs import Pinning, pin_self, raise_file_limit, rss_mb
from benchmarks.runs import Driver, Run, measure

SETTLE = 3.0  # seconds before reading idle / after-load memory


@dataclass(frozen=True)
class SuiteConfig:
    quick: bool = False
    warmup: float = 1.0
    duration: float = 5.0
    hold_streams: int = 1000
    rounds: int = 2  # each case is measured this often; the least disturbed round is kept
    profile: bool = False
    out: Path = Path("benchmarks/results")  # where --profile keeps its raw stacks


@dataclass
class Held:
    run: Run
    rss_before_mb: float | None
    rss_after_mb: float | None


@dataclass
class SuiteResult:
    config: SuiteConfig
    pinning: Pinning
    idle_rss_mb: float
    runs: list[Run] = field(default_factory=list)  # the kept round of each case
    all_rounds: list[Run] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    workers: Run | None = None
    profile: profile.Profile | None = None


async def run_suite(config: SuiteConfig, workdir: Path) -> SuiteResult:
    pinning = Pinning.detect()
    pin_self(pinning.load)
    raise_file_limit()
    data_dir = workdir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    driver = Driver(workdir, pinning.load)
    mock = await start_mock(workdir, pinning.load)
    try:
        token = await service.mint_token(data_dir)
        result = await _one_worker(config, pinning, driver, mock, data_dir, token)
        if not config.quick:
            result.workers = await _two_workers(config, pinning, driver, mock, data_dir, token)
        return result
    finally:
        await mock.stop()
        keep_logs(workdir, config.out / "logs")


def keep_logs(workdir: Path, into: Path) -> None:
    """The service's, mock's and load's logs outlive the work directory."""
    into.mkdir(parents=True, exist_ok=True)
    for log in workdir.glob("*.log"):
        shutil.copyfile(log, into / log.name)


async def _one_worker(
    config: SuiteConfig,
    pinning: Pinning,
    driver: Driver,
    mock: MockProcess,
    data_dir: Path,
    token: str,
) -> SuiteResult:
    running = await service.start(data_dir, workers=1, cores=pinning.service)
    try:
        credential = await service.create_credential(running, token, mock.base_url + "/v1")
        ids = sc.Endpoints(mock.base_url, running.base_url, running.target, token, credential)
        await asyncio.sleep(SETTLE)
        result = SuiteResult(config, pinning, idle_rss_mb=rss_mb(running.pids()))
        cases = sc.quick_cases() if config.quick else sc.full_cases()
        for _ in range(config.rounds):
            for case in cases:
                running.check_alive()
                spec = sc.load_spec(case, ids, warmup=config.warmup, duration=config.duration)
                run = await measure(case, spec, driver, running.pids(), mock.pids)
                result.all_rounds.append(run)
                _progress(run)
        result.runs = [least_disturbed(result.all_rounds, case) for case in cases]
        if config.quick:
            return result
        for case in sc.HOLD_CASES:
            held_case = sc.Case(case.group, case.surface, config.hold_streams)
            result.held.append(await _held(held_case, ids, driver, running.pids(), mock.pids))
            _progress(result.held[-1].run)
        if config.profile:
            result.profile = await profile.record(ids, driver, running.pids()[0], config.out)
        return result
    finally:
        await running.stop()


def least_disturbed(rounds: list[Run], case: sc.Case) -> Run:
    """The round with the lowest median latency: on a shared machine, the one other
    tenants disturbed least (at fixed concurrency it is also the highest throughput)."""
    runs = [r for r in rounds if r.case == case]
    return min(runs, key=lambda r: r.result.latency_ms[0] if r.result.latency_ms else 1e9)


async def _held(
    case: sc.Case, ids: sc.Endpoints, driver: Driver, service_pids: list[int], mock_pids: list[int]
) -> Held:
    pids = service_pids if case.surface != "direct" else []
    before = rss_mb(pids) if pids else None
    spec = sc.load_spec(case, ids, warmup=0.0, duration=0.0)
    run = await measure(case, spec, driver, service_pids, mock_pids)
    await asyncio.sleep(SETTLE)
    return Held(run=run, rss_before_mb=before, rss_after_mb=rss_mb(pids) if pids else None)


async def _two_workers(
    config: SuiteConfig,
    pinning: Pinning,
    driver: Driver,
    mock: MockProcess,
    data_dir: Path,
    token: str,
) -> Run:
    """The same data directory served by two workers on both cores (the load core too:
    there is no third core to give them)."""
    both = f"{pinning.service},{pinning.load}" if pinning.service else None
    running = await service.start(data_dir, workers=2, cores=both)
    try:
        await _ready(running.base_url)
        case = sc.WORKERS_CASE
        credential_id = await _credential_id(running.base_url, token)
        ids = sc.Endpoints(mock.base_url, running.base_url, running.target, token, credential_id)
        spec = sc.load_spec(case, ids, warmup=config.warmup, duration=config.duration)
        run = await measure(case, spec, driver, running.pids(), mock.pids)
        _progress(run)
        return run
    finally:
        await running.stop()


async def _ready(base_url: str) -> None:
    """Both workers answer once several probes in a row succeed."""
    async with aiohttp.ClientSession() as session:
        for _ in range(100):
            try:
                async with session.get(base_url + "/readiness/") as response:
                    if response.status == 200:
                        await asyncio.sleep(SETTLE)
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("the two-worker service never became ready")


async def _credential_id(base_url: str, token: str) -> str:
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.get(base_url + "/v1/credentials", headers=headers) as response,
    ):
        payload = await response.json()
    return str(payload["items"][0]["id"])


def _progress(run: Run) -> None:
    r = run.result
    p50 = f"{r.latency_ms[0]:.2f}" if r.latency_ms else "-"
    print(f"  {run.case.name:<32} {r.rate:>9.1f}/s  p50 {p50:>7} ms  errors {r.errors}", flush=True)
