"""Schema migrations: alembic `upgrade head`, programmatically (no alembic.ini)."""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path

from alembic import command
from alembic.config import Config


def migrations_directory() -> Path:
    """The installed `integration_api.migrations` package: the repository's migrations/
    in an editable install, site-packages in a wheel."""
    spec = importlib.util.find_spec("integration_api.migrations")
    if spec is None or spec.origin is None:
        raise RuntimeError("the integration_api.migrations package is not installed")
    return Path(spec.origin).resolve().parent


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_directory()))
    # The URL travels as an attribute: ConfigParser would choke on '%' in a password.
    config.attributes["url"] = url
    return config


def run_migrations(url: str) -> None:
    """Upgrades the database at `url` to the newest revision; a no-op when already there.

    Synchronous, and it runs its own event loop: from async code call
    `await run_migrations_async(url)` (which uses a worker thread) instead.
    """
    if _loop_running():
        raise RuntimeError("run_migrations() blocks; in async code use run_migrations_async()")
    command.upgrade(alembic_config(url), "head")


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


async def run_migrations_async(url: str) -> None:
    """`run_migrations` for callers inside an event loop."""
    await asyncio.to_thread(run_migrations, url)
