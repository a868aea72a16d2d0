"""`--profile`: py-spy samples the service while it serves chat c=16 (and streaming c=64),
and the collapsed stacks are summarised as the top frames by own time, by inclusive time,
and own time by package. py-spy runs on the load core; `--nonblocking` so it never
pauses the service."""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks import scenarios as sc
from benchmarks.procs import pinned, spawn
from benchmarks.runs import Driver

RATE = 200  # samples per second
PROFILED = (sc.Case("chat", "rest", 16), sc.Case("stream", "rest", 64))
TOP = 15


@dataclass
class Share:
    name: str
    share: float  # of the busy samples


@dataclass
class CaseProfile:
    case: str
    samples: int
    raw: str  # the collapsed stacks file
    own: list[Share]
    inclusive: list[Share]
    packages: list[Share]


@dataclass
class Profile:
    cases: list[CaseProfile]


def py_spy() -> str | None:
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


async def record(ids: sc.Endpoints, driver: Driver, pid: int, workdir: Path) -> Profile | None:
    tool = py_spy()
    if tool is None:
        print("  profile skipped: py-spy is not installed (pip install py-spy)", flush=True)
        return None
    found = [await _one(tool, case, ids, driver, pid, workdir) for case in PROFILED]
    return Profile(cases=[p for p in found if p is not None])


async def _one(
    tool: str, case: sc.Case, ids: sc.Endpoints, driver: Driver, pid: int, workdir: Path
) -> CaseProfile | None:
    spec = sc.load_spec(case, ids, warmup=1.0, duration=8.0)
    raw = workdir / f"profile-{case.group}-{case.surface}-c{case.concurrency}.txt"
    command = [tool, "record", "--pid", str(pid), "--rate", str(RATE), "--format", "raw"]
    command += ["--nolineno", "--nonblocking", "--duration", "6", "-o", str(raw)]

    async def sample() -> None:
        await asyncio.sleep(spec.warmup + 1.0)
        process = await spawn(pinned(command, driver.cores), log=workdir / "py-spy.log")
        await process.wait()

    await asyncio.gather(driver.drive(spec, ()), sample())
    if not raw.exists():
        print(f"  profile of {case.name} failed; see {workdir / 'py-spy.log'}", flush=True)
        return None
    return summarise(case.name, raw)


def summarise(name: str, raw: Path) -> CaseProfile:
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack:
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        own[frames[-1]] += count
        packages[package_of(frames[-1])] += count
        for frame in set(frames):
            inclusive[frame] += count

    def top(counter: Counter[str]) -> list[Share]:
        return [Share(k, v / total) for k, v in counter.most_common(TOP)] if total else []

    return CaseProfile(name, total, str(raw), top(own), top(inclusive), top(packages))


def package_of(frame: str) -> str:
    """`func (litestar/routes/http.py)` -> litestar; the service's own code -> integration_api."""
    path = frame.rpartition(" (")[2].rstrip(")")
    if "/src/" in path or path.startswith("src/") or "integration_api" in path:
        return "integration_api"
    path = path.split("site-packages/")[-1]
    head = path.split("/")[0]
    if head.endswith(".py") or head in ("", "<frozen"):
        return "stdlib" if "/" not in path or path.startswith("<") else head
    return head
