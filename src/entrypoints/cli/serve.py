"""`integration-api serve`: REST and gRPC on one port, in one or N processes."""

from __future__ import annotations

import argparse
import logging
import socket
import subprocess
import sys
from collections.abc import Callable

from integration_api.entrypoints.cli import Subparsers
from integration_api.entrypoints.cli._options import port_number, positive_int
from integration_api.entrypoints.process import address_of, bind, run, serve
from integration_api.entrypoints.server import GRACE_PERIOD
from integration_api.entrypoints.workers import run_workers
from integration_api.settings import Settings, load_settings


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve REST (HTTP/1.1) and gRPC (HTTP/2) on one port",
        description="Serves REST and gRPC on one port until SIGTERM/SIGINT, then drains "
        "in-flight requests and streams. Defaults come from INTEGRATION_API_* settings.",
    )
    parser.add_argument("--host", help="address to listen on (INTEGRATION_API_HOST)")
    parser.add_argument(
        "--port", type=port_number, help="port, 0 = any free one (INTEGRATION_API_PORT)"
    )
    parser.add_argument(
        "--workers", type=positive_int, help="processes sharing the port (INTEGRATION_API_WORKERS)"
    )
    parser.add_argument(
        "--grace",
        type=float,
        default=GRACE_PERIOD,
        help=f"seconds in-flight requests get on shutdown (default {GRACE_PERIOD:.0f})",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    settings = load_settings()
    host = args.host or settings.host
    port = settings.port if args.port is None else args.port
    workers = args.workers or settings.workers
    try:
        sock = bind(host, port)
    except OSError as exc:
        print(f"cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    _migrate_in_child(settings)
    if workers == 1:
        return _worker(settings, sock, args.grace, announce=True)
    line = f"serving REST and gRPC on {address_of(sock)} with {workers} workers"
    return run_workers(
        workers,
        lambda ready: _worker(settings, sock, args.grace, announce=False, on_ready=ready),
        on_ready=lambda: _announce(settings, line),
    )


def _worker(
    settings: Settings,
    sock: socket.socket,
    grace: float,
    *,
    announce: bool,
    on_ready: Callable[[], None] | None = None,
) -> int:
    # Imported here so `integration-api --help` and the other commands stay light.
    from integration_api.container import build_application

    async def main() -> None:
        await serve(
            settings,
            sock,
            build=build_application,
            grace_period=grace,
            announce=announce,
            on_ready=on_ready,
        )

    run(main)
    return 0


def _migrate_in_child(settings: Settings) -> None:
    """The development SQLite database migrates itself on start; doing it in a child
    process keeps alembic out of the serving process (it would stay resident, ~25 MB)."""
    from integration_api.adapters.persistence.schema_revision import sqlite_schema_is_current
    from integration_api.container import migrates_itself

    url = settings.effective_database_url
    if not migrates_itself(settings) or sqlite_schema_is_current(url):
        return
    command = [sys.executable, "-m", "integration_api.entrypoints.cli", "migrate"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def _announce(settings: Settings, line: str) -> None:
    """The supervisor logs through the same redacting setup the workers use."""
    from integration_api.adapters.observability.logging_setup import configure_logging
    from integration_api.adapters.observability.redaction import SecretRedactor

    configure_logging(settings.log_level, settings.log_format, SecretRedactor())
    logging.getLogger("integration_api.server").info(line)
