"""SQL persistence (SQLAlchemy 2 async): SQLite by default, PostgreSQL by URL.

Modules: `database` (engine factory), `tables` (schema), one module per repository,
`health` (readiness probe) and `migrate` (alembic upgrade). Nothing is re-exported here so
that importing one module stays cheap.
"""
