"""`--profile`: py-spy samples the service while it serves chat c=16 and streaming c=64.
The collapsed stacks are kept next to the results and summarised: busy samples by thread,
own time by package and by frame, and inclusive time by frame (the frames every event-loop
stack starts with are left out). py-spy runs on the load core with `--nonblocking`, so it
never pauses the service."""

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
SECONDS = 6
PROFILED = (sc.Case("chat", "rest", 16), sc.Case("stream", "rest", 64))
TOP = 15


@dataclass
class Share:
    name: str
    share: float  # of all busy samples, every thread


@dataclass
class CaseProfile:
    case: str
    samples: int
    raw: str  # the collapsed stacks file
    threads: list[Share]
    packages: list[Share]
    own: list[Share]
    inclusive: list[Share]


@dataclass
class Profile:
    cases: list[CaseProfile]


def py_spy() -> str | None:
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


async def record(ids: sc.Endpoints, driver: Driver, pid: int, out: Path) -> Profile | None:
    tool = py_spy()
    if tool is None:
        print("  profile skipped: py-spy is not installed (pip install py-spy)", flush=True)
        return None
    found = [await _one(tool, case, ids, driver, pid, out) for case in PROFILED]
    return Profile(cases=[p for p in found if p is not None])


async def _one(
    tool: str, case: sc.Case, ids: sc.Endpoints, driver: Driver, pid: int, out: Path
) -> CaseProfile | None:
    spec = sc.load_spec(case, ids, warmup=1.0, duration=SECONDS + 2.0)
    raw = out / f"profile-{case.group}-{case.surface}-c{case.concurrency}.txt"
    command = [tool, "record", "--pid", str(pid), "--rate", str(RATE), "--format", "raw"]
    command += ["--nolineno", "--threads", "--nonblocking", "--duration", str(SECONDS)]
    log = driver.workdir / "py-spy.log"

    async def sample() -> None:
        await asyncio.sleep(spec.warmup + 1.0)
        process = await spawn(pinned([*command, "-o", str(raw)], driver.cores), log=log)
        await process.wait()

    await asyncio.gather(driver.drive(spec, ()), sample())
    if not raw.exists():
        print(f"  profile of {case.name} failed: {log.read_text()[-500:]}", flush=True)
        return None
    print(f"  profiled {case.name}: {raw}", flush=True)
    return summarise(case.name, raw)


def parse(raw: Path) -> list[tuple[list[str], int]]:
    """(frames root first, samples) per collapsed stack; the thread's name is frame 0."""
    stacks = []
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            thread, _, frames = stack.partition(";")
            name = thread.partition(": ")[2] or thread
            stacks.append(([name, *frames.split(";")], int(count)))
    return stacks


def summarise(name: str, raw: Path) -> CaseProfile:
    stacks = parse(raw)
    total = sum(count for _, count in stacks) or 1
    scaffold = _scaffold([frames for frames, _ in stacks if frames[0] == "MainThread"])
    threads: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for frames, count in stacks:
        threads[frames[0].split(" (")[0]] += count
        own[frames[-1]] += count
        packages[package_of(frames[-1])] += count
        for frame in set(frames[1:]) - scaffold:
            inclusive[frame] += count

    def top(counter: Counter[str]) -> list[Share]:
        return [Share(k, v / total) for k, v in counter.most_common(TOP)]

    return CaseProfile(name, total, str(raw), top(threads), top(packages), top(own), top(inclusive))


def _scaffold(stacks: list[list[str]]) -> set[str]:
    """The frames the event loop runs under (the CLI down to Runner.run): in every
    main-thread stack, so they say nothing about where the time goes."""
    for frames in stacks:
        for index, frame in enumerate(frames):
            if frame.startswith("Runner.run ("):
                return set(frames[: index + 1])
    return set()


def package_of(frame: str) -> str:
    """`func (litestar/routes/http.py)` -> litestar; the service's own code ->
    integration_api; `<frozen ...>` and top-level stdlib modules -> stdlib."""
    path = frame.rpartition(" (")[2].rstrip(")")
    if "/src/" in path or path.startswith("src/") or "integration_api" in path:
        return "integration_api"
    path = path.split("site-packages/")[-1]
    if path.startswith("<") or "/" not in path:
        return "stdlib"
    return path.split("/")[0]
