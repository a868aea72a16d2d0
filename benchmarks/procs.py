"""Processes of a run: spawning pinned to a core, and reading their CPU time and resident
memory from /proc (summed over a process and its children, so `--workers 2` counts whole)."""

from __future__ import annotations

import asyncio
import os
import resource
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Pinning:
    """Cores for the service and for the mock + load; None when the machine has one core
    or taskset is missing (then nothing is pinned, and the report says so)."""

    service: str | None
    load: str | None

    @classmethod
    def detect(cls) -> Pinning:
        if (os.cpu_count() or 1) < 2 or shutil.which("taskset") is None:
            return cls(service=None, load=None)
        return cls(service="0", load="1")

    def describe(self) -> str:
        if self.service is None:
            return "not pinned (fewer than 2 cores or no taskset)"
        return f"service on core {self.service}; mock upstream and load on core {self.load}"


def pinned(command: Sequence[str], cores: str | None) -> list[str]:
    return ["taskset", "-c", cores, *command] if cores else list(command)


def pin_self(cores: str | None) -> None:
    """Keeps the orchestrator (mostly asleep) off the service's core."""
    if cores:
        os.sched_setaffinity(0, {int(c) for c in cores.split(",")})


def raise_file_limit(wanted: int = 65536) -> None:
    """1,000 held streams need ~3,000 descriptors across the processes; children inherit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


async def spawn(
    command: Sequence[str], *, env: dict[str, str] | None = None, log: Path | None = None
) -> asyncio.subprocess.Process:
    """stdout is a pipe (the child announces itself there); stderr goes to `log` so a
    chatty child can never block on a full pipe."""
    stderr = log.open("ab") if log else asyncio.subprocess.DEVNULL
    try:
        return await asyncio.create_subprocess_exec(
            *command, env=env, stdout=asyncio.subprocess.PIPE, stderr=stderr
        )
    finally:
        if log:
            stderr.close()  # type: ignore[union-attr]


def tree(pid: int) -> list[int]:
    """`pid` and its descendants, read from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = [pid], [pid]
    while frontier:
        current = frontier.pop()
        children = [child for child, parent in parents.items() if parent == current]
        found.extend(children)
        frontier.extend(children)
    return found


def cpu_seconds(pids: Sequence[int]) -> float:
    """utime + stime of the processes, in seconds."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / CLOCK_TICKS


def rss_mb(pids: Sequence[int]) -> float:
    """Resident set size of the processes, in MiB."""
    pages = 0
    for pid in pids:
        try:
            pages += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except OSError:
            continue
    return pages * PAGE_BYTES / 2**20


async def stop(process: asyncio.subprocess.Process, grace: float = 15.0) -> None:
    """SIGTERM, then SIGKILL if it has not exited within `grace` seconds."""
    if process.returncode is not None:
        return
    process.terminate()
    try:
        await asyncio.wait_for(process.wait(), grace)
    except TimeoutError:
        process.kill()
        await process.wait()
