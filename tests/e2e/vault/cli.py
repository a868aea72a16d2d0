"""The real `integration-api` command in a child process, as an operator runs it."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path

COMMAND = Path(sys.executable).with_name("integration-api")
TIMEOUT = 60.0  # seconds; a hung command fails the test instead of hanging it


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def last_line(self) -> str:
        lines = self.stdout.strip().splitlines()
        return lines[-1] if lines else ""


def cli_env(data_dir: Path, **settings: str) -> dict[str, str]:
    """The parent's environment without any INTEGRATION_API_* setting, plus DATA_DIR and
    `settings` (database_url=..., redis_url=...) under the prefix."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTEGRATION_API_")}
    env["INTEGRATION_API_DATA_DIR"] = str(data_dir)
    env |= {f"INTEGRATION_API_{k.upper()}": v for k, v in settings.items() if v}
    return env


async def run_cli(*args: str, env: dict[str, str], cwd: Path) -> CliResult:
    """Runs `integration-api ARGS...` in `cwd` (away from any .env of the checkout)."""
    process = await asyncio.create_subprocess_exec(
        str(COMMAND), *args, env=env, cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), TIMEOUT)
    assert process.returncode is not None
    return CliResult(process.returncode, out.decode(), err.decode())
