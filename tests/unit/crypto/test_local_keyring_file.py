"""The keyring file: private permissions, atomic edits, and rotation by another process
(the CLI) noticed by the running service."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import stat
from pathlib import Path

import pytest

from integration_api.adapters.keys.keyring_file import FileKeyringStore
from integration_api.adapters.keys.keyring_store import EnvKeyringStore
from integration_api.adapters.keys.local_keyring import LocalKeyring
from integration_api.domain.errors import Conflict, KeyUnavailable, NotFound

CONTEXT = {"organization": "org-1", "project": "proj-1", "credential": "cred-1"}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    keyring_path = tmp_path / "keyring.json"
    LocalKeyring.from_settings("", keyring_path, production=False)
    return keyring_path


def _open(path: Path, recheck_interval: float = 1.0) -> LocalKeyring:
    return LocalKeyring(FileKeyringStore(path), recheck_interval=recheck_interval)


def _ids_in_file(path: Path) -> list[str]:
    return [key["id"] for key in json.loads(path.read_text())["keys"]]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _edit_by_hand(path: Path, *, text: str | None = None, mode: int | None = None) -> None:
    if text is not None:
        path.write_text(text)
    if mode is not None:
        path.chmod(mode)


@pytest.mark.parametrize("mode", [0o640, 0o644, 0o604, 0o660])
def test_a_file_others_can_read_is_refused(path: Path, mode: int) -> None:
    path.chmod(mode)
    with pytest.raises(KeyUnavailable, match=f"mode {mode:04o}.*chmod 600"):
        LocalKeyring.from_settings("", path, production=False)


async def test_rotate_appends_a_key_and_keeps_the_file_private(path: Path) -> None:
    keyring = _open(path)
    assert await keyring.rotate() == "v2"
    assert _ids_in_file(path) == ["v1", "v2"]
    assert _mode(path) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["keyring.json", "keyring.json.lock"]


async def test_retire_removes_the_key_from_the_file(path: Path) -> None:
    keyring = _open(path)
    await keyring.rotate()
    await keyring.retire("v1")
    assert _ids_in_file(path) == ["v2"]
    assert await keyring.kek_ids() == ("v2",)


async def test_retire_refuses_the_active_and_unknown_keks(path: Path) -> None:
    keyring = _open(path)
    with pytest.raises(Conflict):
        await keyring.retire("v1")
    with pytest.raises(NotFound):
        await keyring.retire("v7")
    assert _ids_in_file(path) == ["v1"]


async def test_an_env_keyring_cannot_be_edited_by_the_service() -> None:
    keyring = LocalKeyring(EnvKeyringStore("k1:" + "A" * 43 + "=,k2:" + "B" * 43 + "="))
    with pytest.raises(KeyUnavailable, match="INTEGRATION_API_KEYRING"):
        await keyring.retire("k1")


async def test_a_kek_rotated_by_another_process_unwraps_at_once(path: Path) -> None:
    service = _open(path, recheck_interval=3600)  # only the unknown-id reload can help
    cli = _open(path)
    await cli.rotate()
    data_key = os.urandom(32)
    wrapped = await cli.wrap(data_key, CONTEXT)
    assert wrapped.kek_id == "v2"

    assert await service.unwrap(wrapped, CONTEXT) == data_key
    assert await service.active_kek_id() == "v2"


async def test_the_active_kek_follows_a_newer_file(path: Path) -> None:
    service = _open(path, recheck_interval=0)
    await _open(path).rotate()
    assert await service.active_kek_id() == "v2"
    assert (await service.wrap(os.urandom(32), CONTEXT)).kek_id == "v2"


async def test_a_kek_retired_by_another_process_stops_unwrapping(path: Path) -> None:
    service = _open(path, recheck_interval=0)
    old = await service.wrap(os.urandom(32), CONTEXT)
    cli = _open(path)
    await cli.rotate()
    await cli.retire("v1")
    with pytest.raises(KeyUnavailable, match="'v1'"):
        await service.unwrap(old, CONTEXT)


async def test_concurrent_rotations_from_two_processes_lose_no_key(path: Path) -> None:
    first, second = _open(path), _open(path)
    await asyncio.gather(*(k.rotate() for k in (first, second, first, second)))
    assert _ids_in_file(path) == ["v1", "v2", "v3", "v4", "v5"]


async def test_a_broken_edit_keeps_the_loaded_keys(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    service = _open(path, recheck_interval=0)
    wrapped = await service.wrap(b"k" * 32, CONTEXT)
    _edit_by_hand(path, text="{ not json")
    with caplog.at_level(logging.WARNING):
        assert await service.active_kek_id() == "v1"
        assert await service.unwrap(wrapped, CONTEXT) == b"k" * 32
    assert "keeping the loaded KEKs" in caplog.text


async def test_a_file_made_readable_later_is_not_reloaded(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    service = _open(path, recheck_interval=0)
    await _open(path).rotate()
    _edit_by_hand(path, mode=0o644)
    with caplog.at_level(logging.WARNING):
        assert await service.active_kek_id() == "v1"
    assert "chmod 600" in caplog.text
    assert await service.ping()
