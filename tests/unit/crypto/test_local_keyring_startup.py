"""LocalKeyring.from_settings: what start-up accepts, creates, and refuses (production)."""

from __future__ import annotations

import base64
import logging
import os
import stat
from pathlib import Path

import pytest

from integration_api.adapters.keys.key_strength import EXAMPLE_KEYRING, WELL_KNOWN_KEYS
from integration_api.adapters.keys.local_keyring import LocalKeyring
from integration_api.domain.errors import KeyUnavailable

STRONG = base64.b64encode(os.urandom(32)).decode()


def _entry(kek_id: str, raw: bytes) -> str:
    return f"{kek_id}:{base64.b64encode(raw).decode()}"


def test_production_without_any_key_refuses_to_start(tmp_path: Path) -> None:
    path = tmp_path / "keyring.json"
    with pytest.raises(KeyUnavailable, match="INTEGRATION_API_KEYRING") as raised:
        LocalKeyring.from_settings("", path, production=True)
    assert str(path) in raised.value.message
    assert not path.exists()


@pytest.mark.parametrize("production", [True, False])
def test_a_short_key_refuses_to_start(tmp_path: Path, production: bool) -> None:
    with pytest.raises(KeyUnavailable, match="is 16 bytes"):
        LocalKeyring.from_settings(_entry("k1", os.urandom(16)), tmp_path / "k", production)


@pytest.mark.parametrize(
    "keyring",
    [
        _entry("k1", bytes(32)),
        _entry("k1", b"\x41" * 32),
        _entry("k1", b"ab" * 16),
        EXAMPLE_KEYRING,
        f"old:{STRONG},{EXAMPLE_KEYRING}",
    ],
    ids=["all-zero", "one-byte-repeated", "low-variety", "documented-example", "active-weak"],
)
def test_production_refuses_a_weak_active_key(tmp_path: Path, keyring: str) -> None:
    with pytest.raises(KeyUnavailable, match="production refuses it") as raised:
        LocalKeyring.from_settings(keyring, tmp_path / "k", production=True)
    assert keyring.rpartition(":")[2] not in raised.value.message


async def test_development_accepts_the_example_key_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        keyring = LocalKeyring.from_settings(EXAMPLE_KEYRING, tmp_path / "k", production=False)
    assert await keyring.active_kek_id() == "example"
    assert "well-known" in caplog.text


async def test_production_tolerates_a_weak_older_key_so_it_can_be_rotated_away(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        keyring = LocalKeyring.from_settings(
            f"{EXAMPLE_KEYRING},new:{STRONG}", tmp_path / "k", production=True
        )
    assert await keyring.kek_ids() == ("example", "new")
    assert "'example' is a well-known example key" in caplog.text


async def test_development_creates_a_private_keyring_file_and_says_where(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "data" / "keyring.json"
    with caplog.at_level(logging.WARNING):
        keyring = LocalKeyring.from_settings("", path, production=False)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert str(path) in caplog.text
    key = path.read_text().split('"key":')[1].split('"')[1]
    assert key not in caplog.text
    assert await keyring.active_kek_id() == "v1"


async def test_an_existing_file_is_reused_without_a_new_key(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "keyring.json"
    LocalKeyring.from_settings("", path, production=False)
    before = path.read_bytes()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        again = LocalKeyring.from_settings("", path, production=True)
    assert path.read_bytes() == before
    assert await again.kek_ids() == ("v1",)
    assert "created" not in caplog.text


async def test_the_env_string_wins_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "keyring.json"
    LocalKeyring.from_settings("", path, production=False)
    keyring = LocalKeyring.from_settings(f"env1:{STRONG}", path, production=True)
    assert await keyring.kek_ids() == ("env1",)


@pytest.mark.parametrize(
    ("keyring", "message"),
    [
        (STRONG, "entry 1 is not `id:base64key`"),
        (f"k1:{STRONG},k1:{STRONG}", "appears twice"),
        ("k1:not base64!", "'k1' is not valid base64"),
        (f"bad id:{STRONG}", "is not"),
    ],
    ids=["no-id", "duplicate-id", "bad-base64", "bad-id"],
)
def test_a_malformed_env_keyring_is_refused_without_echoing_it(
    tmp_path: Path, keyring: str, message: str
) -> None:
    with pytest.raises(KeyUnavailable, match=message) as raised:
        LocalKeyring.from_settings(keyring, tmp_path / "k", production=False)
    assert STRONG not in raised.value.message


def test_every_well_known_key_is_a_kek_sized_value() -> None:
    assert all(len(key) == 32 for key in WELL_KNOWN_KEYS)
