"""The schema as SQLAlchemy Core tables. migrations/ creates the same shape; a test compares
the two so they cannot drift."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from integration_api.adapters.persistence.utc_datetime import UtcDateTime

metadata = MetaData()

credentials = Table(
    "credentials",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("organization_id", String(128), nullable=False),
    Column("project_id", String(128), nullable=False),
    Column("provider", String(64), nullable=False),
    Column("name", String(256), nullable=False),
    Column("config", Text, nullable=False),  # JSON object of non-secret settings
    Column("status", String(16), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("secret_version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("verified_at", UtcDateTime, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("kek_id", String(128), nullable=False),
    Column("wrapped_key", LargeBinary, nullable=False),
    Column("nonce", LargeBinary, nullable=False),
    Column("ciphertext", LargeBinary, nullable=False),
    Column("format_version", Integer, nullable=False),
    UniqueConstraint("organization_id", "project_id", "name", name="uq_credentials_tenant_name"),
    Index("ix_credentials_kek_id", "kek_id"),
    Index("ix_credentials_tenant_created", "organization_id", "project_id", "created_at", "id"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(256), nullable=False),
    Column("organization_id", String(128), nullable=False),
    Column("project_id", String(128), nullable=False),
    Column("scopes", Text, nullable=False),  # space-separated Scope values
    Column("token_hash", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime, nullable=True),
    Column("expires_at", UtcDateTime, nullable=True),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("organization_id", String(128), nullable=False),
    Column("project_id", String(128), nullable=False),
    Column("actor", String(256), nullable=False),
    Column("action", String(32), nullable=False),
    Column("credential_id", String(64), nullable=True),
    Column("outcome", String(64), nullable=False),
    Column("detail", Text, nullable=True),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_audit_log_tenant_at", "organization_id", "project_id", "at"),
)
