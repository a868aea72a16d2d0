"""LocalKeyring: versioned 256-bit KEKs from INTEGRATION_API_KEYRING or a 0600 keyring file."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

from integration_api.adapters.crypto import aead
from integration_api.adapters.keys.key_strength import size_problem, weakness
from integration_api.adapters.keys.keyring_file import FileKeyringStore
from integration_api.adapters.keys.keyring_records import KeyRecord, decode_key
from integration_api.adapters.keys.keyring_store import ENV_VARIABLE, EnvKeyringStore, KeyringStore
from integration_api.application.ports.key_source import KeySource, WrappedKey
from integration_api.domain.errors import KeyUnavailable, SecretUnreadable

logger = logging.getLogger(__name__)

_NEW_KEY_HINT = "python -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())'"


class _Keys:
    """An immutable snapshot: swapped whole on reload, so readers never see half a keyring."""

    __slots__ = ("active", "by_id")

    def __init__(self, by_id: dict[str, bytes], active: str) -> None:
        self.by_id = by_id
        self.active = active


class LocalKeyring(KeySource):
    """KEKs held in memory; the last record of the store is the active one.

    A wrapped key is `nonce || AES-256-GCM(KEK, data key)` with the canonical JSON of the
    context as associated data. The keyring notices a file edited by another process: an
    unknown KEK id reloads the file once, and every call re-stats it at most every
    `recheck_interval` seconds. Loading happens in the constructor (start-up, blocking).
    """

    def __init__(
        self, store: KeyringStore, *, production: bool = False, recheck_interval: float = 1.0
    ) -> None:
        self._store = store
        self._production = production
        self._recheck_interval = recheck_interval
        self._keys = self._build(store.load())
        self._next_check = time.monotonic() + recheck_interval

    @classmethod
    def from_settings(cls, keyring: str, keyring_file: Path, production: bool) -> LocalKeyring:
        """The env string if set, else the file; in development a missing file is created.

        Raises KeyUnavailable (stop start-up) for a missing key in production, a key that is
        not 32 bytes, a weak active key in production, or a group/world-accessible file.
        """
        if keyring.strip():
            return cls(EnvKeyringStore(keyring), production=production)
        store = FileKeyringStore(keyring_file)
        if not store.exists():
            if production:
                raise KeyUnavailable(
                    f"no master key: production needs {ENV_VARIABLE}=id:base64key or a keyring "
                    f"file at {keyring_file} (mode 0600); make a key with {_NEW_KEY_HINT}"
                )
            if store.create():
                logger.warning(
                    "created a development keyring at %s; back it up, losing it loses every "
                    "stored secret",
                    keyring_file,
                )
        return cls(store, production=production)

    async def active_kek_id(self) -> str:
        await self._refresh_if_stale()
        return self._keys.active

    async def wrap(self, data_key: bytes, context: dict[str, str]) -> WrappedKey:
        await self._refresh_if_stale()
        keys = self._keys
        nonce, ciphertext = aead.encrypt(
            keys.by_id[keys.active], data_key, aead.canonical_context(context)
        )
        return WrappedKey(kek_id=keys.active, blob=nonce + ciphertext)

    async def unwrap(self, wrapped: WrappedKey, context: dict[str, str]) -> bytes:
        kek = await self._kek(wrapped.kek_id)
        nonce, ciphertext = wrapped.blob[: aead.NONCE_BYTES], wrapped.blob[aead.NONCE_BYTES :]
        data_key = aead.decrypt(kek, nonce, ciphertext, aead.canonical_context(context))
        if data_key is None:
            raise SecretUnreadable(
                f"a wrapped data key failed authentication under KEK {wrapped.kek_id!r}"
            )
        return data_key

    async def kek_ids(self) -> tuple[str, ...]:
        await self._refresh_if_stale()
        return tuple(self._keys.by_id)

    async def rotate(self) -> str:
        self._keys = self._build(await asyncio.to_thread(self._store.append))
        logger.info("keyring rotated: KEK %s is active", self._keys.active)
        return self._keys.active

    async def retire(self, kek_id: str) -> None:
        self._keys = self._build(await asyncio.to_thread(self._store.remove, kek_id))
        logger.info("keyring: KEK %s retired", kek_id)

    async def ping(self) -> bool:
        return self._keys.active in self._keys.by_id

    async def _kek(self, kek_id: str) -> bytes:
        await self._refresh_if_stale()
        kek = self._keys.by_id.get(kek_id)
        if kek is None:
            await self._reload()  # another process may have rotated a moment ago
            kek = self._keys.by_id.get(kek_id)
        if kek is None:
            raise KeyUnavailable(
                f"KEK {kek_id!r} is not in the {self._store.description} (retired or never added)"
            )
        return kek

    async def _refresh_if_stale(self) -> None:
        now = time.monotonic()
        if now < self._next_check:
            return
        self._next_check = now + self._recheck_interval
        # One stat() at most every interval: cheaper than a thread hop, so done inline.
        if self._store.changed():
            await self._reload()

    async def _reload(self) -> None:
        """Re-reads the store; a broken edit is logged and the keys in memory stay in use."""
        try:
            self._keys = self._build(await asyncio.to_thread(self._store.load))
        except KeyUnavailable as exc:
            logger.warning("keyring not reloaded, keeping the loaded KEKs: %s", exc.message)

    def _build(self, records: list[KeyRecord]) -> _Keys:
        if not records:
            raise KeyUnavailable(f"the {self._store.description} holds no KEK")
        by_id = {record.id: self._checked_key(record) for record in records}
        active = records[-1].id
        problem = weakness(by_id[active])
        if problem and self._production:
            raise KeyUnavailable(
                f"{self._store.description}: the active KEK {active!r} {problem}; production "
                f"refuses it. Add a new random key (e.g. {_NEW_KEY_HINT}) and make it active"
            )
        return _Keys(by_id, active)

    def _checked_key(self, record: KeyRecord) -> bytes:
        where = self._store.description
        key = decode_key(record, where)
        problem = size_problem(key)
        if problem:
            raise KeyUnavailable(f"{where}: KEK {record.id!r} {problem}")
        if (weak := weakness(key)) is not None:
            # An older weak KEK is tolerated so its data keys can be rewrapped and it retired.
            logger.warning("%s: KEK %r %s; use it in development only", where, record.id, weak)
        return key

    def __repr__(self) -> str:
        return f"LocalKeyring({self._store!r}, active={self._keys.active!r})"
