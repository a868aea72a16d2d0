"""AuditLog contract: in-memory, SQLite and PostgreSQL; nothing recorded is ever lost."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from storage_builders import OTHER_TENANT, T0, TENANT, audit_entry

from integration_api.adapters.persistence.audit_log import SqlAuditLog
from integration_api.adapters.persistence.database import create_database
from integration_api.application.ports.audit_log import AuditLog
from integration_api.domain.audit import AuditEntry
from integration_api.domain.errors import ValidationFailed
from integration_api.domain.tenancy import Tenant


async def everything(log: AuditLog, tenant: Tenant = TENANT, limit: int = 200) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    cursor: str | None = None
    while True:
        page = await log.list(tenant, cursor=cursor, limit=limit)
        entries.extend(page.items)
        if page.next_cursor is None:
            return entries
        cursor = page.next_cursor


async def test_recorded_entries_list_newest_first(audit_log: AuditLog):
    entries = [audit_entry(at=T0 + timedelta(seconds=i), n=i) for i in range(5)]
    for entry in entries:
        await audit_log.record(entry)

    listed = await everything(audit_log, limit=2)

    assert listed == list(reversed(entries))


async def test_tenants_see_only_their_entries(audit_log: AuditLog):
    mine = audit_entry()
    await audit_log.record(mine)
    await audit_log.record(audit_entry(tenant=OTHER_TENANT, n=1))

    assert await everything(audit_log) == [mine]


async def test_equal_times_page_without_loss(audit_log: AuditLog):
    entries = [audit_entry(at=T0, n=0) for _ in range(5)]
    for entry in entries:
        await audit_log.record(entry)

    listed = await everything(audit_log, limit=2)

    assert sorted(e.id for e in listed) == sorted(e.id for e in entries)
    assert len(listed) == len(entries)


async def test_a_foreign_cursor_is_a_validation_error(audit_log: AuditLog):
    with pytest.raises(ValidationFailed):
        await audit_log.list(TENANT, cursor="%%%", limit=5)


async def test_flush_writes_everything_pending(audit_log: AuditLog):
    for n in range(50):
        await audit_log.record(audit_entry(n=n))

    await audit_log.flush()

    assert len(await everything(audit_log)) == 50


async def test_nothing_is_lost_on_aclose_with_many_pending(sql_url: str):
    database = create_database(sql_url)
    writer = SqlAuditLog(database, batch_size=200, flush_interval=60)
    await writer.start()
    for n in range(3000):
        await writer.record(audit_entry(n=n))

    await writer.aclose()
    await writer.record(audit_entry(n=3000))  # after aclose: written directly

    reader = SqlAuditLog(database)
    try:
        assert len(await everything(reader)) == 3001
    finally:
        await reader.aclose()
        await database.aclose()


async def test_the_background_writer_persists_without_a_flush(sql_url: str):
    database = create_database(sql_url)
    writer = SqlAuditLog(database, flush_interval=0.05)
    reader = SqlAuditLog(database)  # its own buffer is empty, so it shows only what was written
    try:
        await writer.record(audit_entry())
        seen: list[AuditEntry] = []
        for _ in range(100):  # functional deadline: written within 5 s
            seen = await everything(reader)
            if seen:
                break
            await asyncio.sleep(0.05)
        assert len(seen) == 1
    finally:
        await writer.aclose()
        await reader.aclose()
        await database.aclose()
