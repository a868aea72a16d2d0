"""wrk for the unary scenarios: one thread, fixed concurrency, POST bodies and headers
from a generated Lua script whose done() prints the figures as one JSON line."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

from benchmarks.load.spec import LoadResult, LoadSpec
from benchmarks.procs import pinned

_SCRIPT = """wrk.method = "POST"
wrk.body = [==[{body}]==]
{headers}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"status":%d,"socket":%d}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def available() -> bool:
    return shutil.which("wrk") is not None


def script(spec: LoadSpec, path: Path) -> Path:
    headers = {"Content-Type": "application/json", **spec.headers}
    lines = "\n".join(f'wrk.headers["{k}"] = [==[{v}]==]' for k, v in headers.items())
    path.write_text(_SCRIPT.format(body=spec.body, headers=lines))
    return path


def command(spec: LoadSpec, script_path: Path, seconds: float, cores: str | None) -> list[str]:
    duration = f"{max(1, round(seconds))}s"
    wrk = ["wrk", "-t1", f"-c{spec.concurrency}", f"-d{duration}", "--timeout", "10s"]
    return pinned([*wrk, "-s", str(script_path), spec.url], cores)


async def run_wrk(argv: list[str]) -> LoadResult:
    process = await asyncio.create_subprocess_exec(
        *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    out, _ = await process.communicate()
    return parse(out.decode(errors="replace"))


def parse(output: str) -> LoadResult:
    line = next((x for x in output.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{output[-2000:]}")
    figures = json.loads(line.removeprefix("WRKJSON "))
    errors = figures["status"] + figures["socket"]
    kinds = {k: figures[k] for k in ("status", "socket") if figures[k]}
    return LoadResult(
        requests=max(0, figures["requests"] - figures["status"]),
        errors=errors,
        seconds=figures["duration_us"] / 1e6,
        latency_ms=[figures["p50_us"] / 1000.0, figures["p99_us"] / 1000.0],
        error_kinds=kinds,
    )
