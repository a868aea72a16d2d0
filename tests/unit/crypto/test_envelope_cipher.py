"""AesGcmEnvelopeCipher over a real LocalKeyring: it opens only what it sealed, for the row it
sealed it for, and fails closed with SecretUnreadable/KeyUnavailable otherwise."""

from __future__ import annotations

import base64
import os

import msgspec
import pytest

from integration_api.adapters.crypto import AesGcmEnvelopeCipher
from integration_api.adapters.keys.keyring_store import EnvKeyringStore
from integration_api.adapters.keys.local_keyring import LocalKeyring
from integration_api.application.ports.key_source import KeySource, WrappedKey
from integration_api.domain.errors import KeyUnavailable, SecretUnreadable
from integration_api.domain.secrets import SealedSecret, SecretBinding, SecretValue

CANARY = "sk-canary-NOT-A-REAL-KEY-0000000000000000wxyz"
BINDING = SecretBinding(
    organization_id="org-1",
    project_id="proj-1",
    credential_id="cred-1",
    provider="openai",
    secret_version=1,
)


class CountingKeySource(KeySource):
    """Delegates to a real key source and counts unwraps."""

    def __init__(self, inner: KeySource) -> None:
        self.inner = inner
        self.unwraps = 0

    async def active_kek_id(self) -> str:
        return await self.inner.active_kek_id()

    async def wrap(self, data_key: bytes, context: dict[str, str]) -> WrappedKey:
        return await self.inner.wrap(data_key, context)

    async def unwrap(self, wrapped: WrappedKey, context: dict[str, str]) -> bytes:
        self.unwraps += 1
        return await self.inner.unwrap(wrapped, context)

    async def kek_ids(self) -> tuple[str, ...]:
        return await self.inner.kek_ids()

    async def rotate(self) -> str:
        return await self.inner.rotate()

    async def retire(self, kek_id: str) -> None:
        await self.inner.retire(kek_id)

    async def ping(self) -> bool:
        return await self.inner.ping()


def _keyring_text(*ids: str) -> str:
    return ",".join(f"{i}:{base64.b64encode(os.urandom(32)).decode()}" for i in ids)


@pytest.fixture
def keyring_text() -> str:
    return _keyring_text("k1", "k2")


@pytest.fixture
def source(keyring_text: str) -> CountingKeySource:
    return CountingKeySource(LocalKeyring(EnvKeyringStore(keyring_text)))


@pytest.fixture
def cipher(source: CountingKeySource) -> AesGcmEnvelopeCipher:
    # No cache, so every test exercises the key source unless it asks for caching.
    return AesGcmEnvelopeCipher(source, data_key_cache_ttl=0)


def _secret() -> SecretValue:
    return SecretValue({"api_key": CANARY, "organization": "org-x"})


def _flip(sealed: SealedSecret, field: str, index: int) -> SealedSecret:
    data = bytearray(getattr(sealed, field))
    data[index] ^= 0x80
    return msgspec.structs.replace(sealed, **{field: bytes(data)})


async def test_roundtrip_returns_the_same_secret(cipher: AesGcmEnvelopeCipher) -> None:
    sealed = await cipher.seal(_secret(), BINDING)
    opened = await cipher.open(sealed, BINDING)
    assert opened.reveal() == {"api_key": CANARY, "organization": "org-x"}
    assert opened.fingerprint == "sk-...wxyz"


async def test_sealed_form_reveals_nothing(cipher: AesGcmEnvelopeCipher) -> None:
    sealed = await cipher.seal(_secret(), BINDING)
    stored = msgspec.json.encode(sealed)
    assert CANARY.encode() not in stored
    assert base64.b64encode(CANARY.encode()) not in stored
    assert len(sealed.nonce) == 12
    assert sealed.kek_id == "k2"  # the active (last) KEK


async def test_each_seal_uses_a_fresh_data_key_and_nonce(cipher: AesGcmEnvelopeCipher) -> None:
    first, second = [await cipher.seal(_secret(), BINDING) for _ in range(2)]
    assert first.nonce != second.nonce
    assert first.ciphertext != second.ciphertext
    assert first.wrapped_key != second.wrapped_key


@pytest.mark.parametrize("field", ["ciphertext", "nonce", "wrapped_key"])
@pytest.mark.parametrize("index", [0, -1])
async def test_one_flipped_byte_fails_closed(
    cipher: AesGcmEnvelopeCipher, field: str, index: int
) -> None:
    sealed = await cipher.seal(_secret(), BINDING)
    with pytest.raises(SecretUnreadable, match="credential cred-1") as raised:
        await cipher.open(_flip(sealed, field, index), BINDING)
    assert CANARY not in str(raised.value)


@pytest.mark.parametrize(
    "changes",
    [
        {"credential_id": "cred-2"},
        {"organization_id": "org-2"},
        {"project_id": "proj-2"},
        {"provider": "anthropic"},
        {"secret_version": 2},
    ],
    ids=lambda c: next(iter(c)),
)
async def test_a_secret_copied_to_another_row_does_not_open(
    cipher: AesGcmEnvelopeCipher, changes: dict[str, object]
) -> None:
    sealed = await cipher.seal(_secret(), BINDING)
    other_row = msgspec.structs.replace(BINDING, **changes)
    with pytest.raises(SecretUnreadable, match=f"credential {other_row.credential_id}"):
        await cipher.open(sealed, other_row)


async def test_a_wrong_kek_fails_closed(cipher: AesGcmEnvelopeCipher) -> None:
    sealed = await cipher.seal(_secret(), BINDING)
    with pytest.raises(SecretUnreadable):
        await cipher.open(msgspec.structs.replace(sealed, kek_id="k1"), BINDING)


async def test_an_unknown_kek_is_key_unavailable(cipher: AesGcmEnvelopeCipher) -> None:
    sealed = await cipher.seal(_secret(), BINDING)
    with pytest.raises(KeyUnavailable, match="credential cred-1"):
        await cipher.open(msgspec.structs.replace(sealed, kek_id="k9"), BINDING)


async def test_an_unknown_format_version_is_unreadable(cipher: AesGcmEnvelopeCipher) -> None:
    sealed = await cipher.seal(_secret(), BINDING)
    with pytest.raises(SecretUnreadable, match="format version 2"):
        await cipher.open(msgspec.structs.replace(sealed, format_version=2), BINDING)


async def test_a_keyring_from_another_deployment_cannot_open(keyring_text: str) -> None:
    sealer = AesGcmEnvelopeCipher(LocalKeyring(EnvKeyringStore(keyring_text)))
    stranger = AesGcmEnvelopeCipher(LocalKeyring(EnvKeyringStore(_keyring_text("k1", "k2"))))
    sealed = await sealer.seal(_secret(), BINDING)
    with pytest.raises(SecretUnreadable):
        await stranger.open(sealed, BINDING)


async def test_rewrap_moves_the_kek_and_keeps_the_ciphertext(keyring_text: str) -> None:
    old = AesGcmEnvelopeCipher(LocalKeyring(EnvKeyringStore(keyring_text)))
    sealed = await old.seal(_secret(), BINDING)
    rotated_text = keyring_text + "," + _keyring_text("k3")
    rotated = AesGcmEnvelopeCipher(LocalKeyring(EnvKeyringStore(rotated_text)))

    moved = await rotated.rewrap(sealed, BINDING)

    assert (moved.kek_id, sealed.kek_id) == ("k3", "k2")
    assert moved.nonce == sealed.nonce
    assert moved.ciphertext == sealed.ciphertext
    assert moved.wrapped_key != sealed.wrapped_key
    assert (await rotated.open(moved, BINDING)).reveal()["api_key"] == CANARY


async def test_rewrap_under_the_active_kek_changes_nothing(
    cipher: AesGcmEnvelopeCipher, source: CountingKeySource
) -> None:
    sealed = await cipher.seal(_secret(), BINDING)
    assert await cipher.rewrap(sealed, BINDING) is sealed
    assert source.unwraps == 0


async def test_rewrap_of_a_tampered_wrapped_key_fails_closed(keyring_text: str) -> None:
    sealed = await AesGcmEnvelopeCipher(LocalKeyring(EnvKeyringStore(keyring_text))).seal(
        _secret(), BINDING
    )
    rotated = LocalKeyring(EnvKeyringStore(keyring_text + "," + _keyring_text("k3")))
    with pytest.raises(SecretUnreadable):
        await AesGcmEnvelopeCipher(rotated).rewrap(_flip(sealed, "wrapped_key", 3), BINDING)


async def test_a_cached_data_key_spares_the_second_unwrap(source: CountingKeySource) -> None:
    writer = AesGcmEnvelopeCipher(source, data_key_cache_ttl=0)
    reader = AesGcmEnvelopeCipher(source, data_key_cache_ttl=60)
    sealed = await writer.seal(_secret(), BINDING)

    await reader.open(sealed, BINDING)
    await reader.open(sealed, BINDING)

    assert source.unwraps == 1


async def test_without_cache_every_open_unwraps(
    cipher: AesGcmEnvelopeCipher, source: CountingKeySource
) -> None:
    sealed = await cipher.seal(_secret(), BINDING)
    await cipher.open(sealed, BINDING)
    await cipher.open(sealed, BINDING)
    assert source.unwraps == 2


async def test_a_cached_data_key_still_checks_the_binding(source: CountingKeySource) -> None:
    cipher = AesGcmEnvelopeCipher(source, data_key_cache_ttl=60)
    sealed = await cipher.seal(_secret(), BINDING)
    await cipher.open(sealed, BINDING)
    moved = msgspec.structs.replace(BINDING, credential_id="cred-2")
    with pytest.raises(SecretUnreadable):
        await cipher.open(sealed, moved)


async def test_on_open_sees_every_opened_secret(source: CountingKeySource) -> None:
    seen: list[SecretValue] = []
    cipher = AesGcmEnvelopeCipher(source, on_open=seen.append)
    sealed = await cipher.seal(_secret(), BINDING)
    assert seen == []
    opened = await cipher.open(sealed, BINDING)
    assert seen == [opened]


async def test_reprs_show_no_key_material(
    cipher: AesGcmEnvelopeCipher, source: CountingKeySource, keyring_text: str
) -> None:
    await cipher.open(await cipher.seal(_secret(), BINDING), BINDING)
    shown = repr(source.inner) + repr(cipher._cache)
    for entry in keyring_text.split(","):
        assert entry.partition(":")[2] not in shown
