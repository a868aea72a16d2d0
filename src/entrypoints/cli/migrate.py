"""`integration-api migrate`: bring the database schema to the latest revision."""

from __future__ import annotations

import argparse

from sqlalchemy.engine import make_url

from integration_api.entrypoints.cli import Subparsers
from integration_api.settings import load_settings


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "migrate",
        help="upgrade the database schema to the latest revision",
        description="Runs the Alembic migrations (upgrade head) on INTEGRATION_API_DATABASE_URL, "
        "or on the SQLite file under INTEGRATION_API_DATA_DIR. Safe to run again.",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from integration_api.adapters.persistence.migrate import run_migrations

    url = load_settings().effective_database_url
    run_migrations(url)
    print(
        f"database is at the latest revision: {make_url(url).render_as_string(hide_password=True)}"
    )
    return 0
