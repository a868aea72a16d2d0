"""Alembic migrations for PostgreSQL and SQLite, shipped as `integration_api.migrations`.

HEAD names the newest revision so a running service can tell "already migrated" with one
query, without importing alembic (which would stay resident for the process's life).
A test keeps it equal to alembic's own head.
"""

HEAD = "0001"
