"""AuditLog on SQL: `record` buffers in memory, a background task writes batches."""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import logging
from collections import deque
from typing import Any

from sqlalchemy import and_, insert, or_, select
from sqlalchemy.engine import RowMapping

from integration_api.adapters.persistence.cursor import clamp_limit, decode_cursor, encode_cursor
from integration_api.adapters.persistence.database import Database
from integration_api.adapters.persistence.errors import database_errors
from integration_api.adapters.persistence.tables import audit_log as t
from integration_api.application.ports.audit_log import AuditLog
from integration_api.domain.audit import AuditAction, AuditEntry
from integration_api.domain.paging import MAX_PAGE_SIZE, Page
from integration_api.domain.tenancy import Tenant

logger = logging.getLogger(__name__)


def _to_values(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "organization_id": entry.tenant.organization_id,
        "project_id": entry.tenant.project_id,
        "actor": entry.actor,
        "action": entry.action.value,
        "credential_id": entry.credential_id,
        "outcome": entry.outcome,
        "detail": entry.detail,
        "at": entry.at,
    }


def _from_row(row: RowMapping) -> AuditEntry:
    return AuditEntry(
        id=row["id"],
        tenant=Tenant(organization_id=row["organization_id"], project_id=row["project_id"]),
        actor=row["actor"],
        action=AuditAction(row["action"]),
        credential_id=row["credential_id"],
        outcome=row["outcome"],
        detail=row["detail"],
        at=row["at"],
    )


class SqlAuditLog(AuditLog):
    """Rows of `audit_log`, listed newest first by (at, id).

    Lifecycle: `start()` launches the writer (the first `record` also does); `aclose()`
    stops it and writes everything pending. After `aclose`, `record` writes directly.
    While the database is down, entries wait in memory (at most `max_pending`; beyond
    that the oldest are dropped with an error log) and are retried every `flush_interval`.
    """

    def __init__(
        self,
        database: Database,
        *,
        batch_size: int = 500,
        flush_interval: float = 0.5,
        max_pending: int = 100_000,
    ) -> None:
        self._db = database
        self._batch_size = batch_size
        self._interval = flush_interval
        self._max_pending = max_pending
        self._pending: deque[AuditEntry] = deque()
        self._wake = asyncio.Event()
        self._write_lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    async def start(self) -> None:
        self._ensure_writer()

    async def record(self, entry: AuditEntry) -> None:
        if self._stopping:
            async with database_errors():
                await self._write([entry])
            return
        if len(self._pending) >= self._max_pending:
            self._pending.popleft()
            logger.error("audit buffer full (%d entries); dropped the oldest", self._max_pending)
        self._pending.append(entry)
        self._ensure_writer()
        if len(self._pending) >= self._batch_size:
            self._wake.set()

    async def flush(self) -> None:
        """Writes every pending entry; on failure they stay pending and the error is raised."""
        async with self._write_lock, database_errors():
            while self._pending:
                batch = [self._pending.popleft() for _ in range(self._batch_size) if self._pending]
                try:
                    await self._write(batch)
                except BaseException:
                    self._pending.extendleft(reversed(batch))
                    raise

    async def aclose(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        await self.flush()

    async def list(self, tenant: Tenant, *, cursor: str | None, limit: int) -> Page[AuditEntry]:
        await self.flush()  # read-your-writes: what was recorded before is listed
        limit = clamp_limit(limit, MAX_PAGE_SIZE)
        query = select(t).where(
            t.c.organization_id == tenant.organization_id, t.c.project_id == tenant.project_id
        )
        if cursor is not None:
            at, last_id = decode_cursor(cursor)
            query = query.where(or_(t.c.at < at, and_(t.c.at == at, t.c.id < last_id)))
        query = query.order_by(t.c.at.desc(), t.c.id.desc()).limit(limit + 1)
        async with database_errors(), self._db.engine.connect() as conn:
            entries = [_from_row(r) for r in (await conn.execute(query)).mappings()]
        if len(entries) <= limit:
            return Page(items=tuple(entries))
        last = entries[limit - 1]
        return Page(items=tuple(entries[:limit]), next_cursor=encode_cursor(last.at, last.id))

    def _ensure_writer(self) -> None:
        if self._task is None and not self._stopping:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="audit-writer")

    async def _run(self) -> None:
        while not self._stopping:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._interval)
            self._wake.clear()
            if self._stopping:
                return  # aclose() flushes, so a failure there reaches its caller
            try:
                await self.flush()
            except Exception as exc:  # keep the writer alive; entries stay pending
                logger.warning("audit write failed (%s); will retry", type(exc).__name__)

    async def _write(self, batch: builtins.list[AuditEntry]) -> None:
        async with self._db.engine.begin() as conn:
            await conn.execute(insert(t), [_to_values(e) for e in batch])
