"""migrations.HEAD lets a running service skip alembic; it must equal alembic's own head."""

from pathlib import Path

from alembic.script import ScriptDirectory

from integration_api.adapters.persistence.migrate import alembic_config, run_migrations
from integration_api.adapters.persistence.schema_revision import sqlite_schema_is_current
from integration_api.migrations import HEAD


def test_head_constant_matches_the_migration_scripts() -> None:
    assert ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() == HEAD


def test_a_fresh_sqlite_file_is_not_current_until_migrated(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}"
    assert not sqlite_schema_is_current(url)
    run_migrations(url)
    assert sqlite_schema_is_current(url)
