"""AES-256-GCM envelope encryption: a fresh data key per secret, wrapped by a KeySource KEK."""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from integration_api.adapters.crypto import aead
from integration_api.adapters.crypto.data_key_cache import DataKeyCache, cache_key
from integration_api.application.ports.key_source import KeySource, WrappedKey
from integration_api.application.ports.secret_cipher import SecretCipher
from integration_api.domain.errors import KeyUnavailable, SecretUnreadable
from integration_api.domain.secrets import (
    FORMAT_VERSION,
    SealedSecret,
    SecretBinding,
    SecretValue,
)

_SecretMap = dict[str, str]
_decode_secret = msgspec.json.Decoder(_SecretMap).decode


def associated_data(binding: SecretBinding, format_version: int) -> bytes:
    """What the ciphertext is bound to: the format version and the row it belongs to."""
    return f"integration-api/secret/v{format_version}|".encode() + binding.associated_data()


class AesGcmEnvelopeCipher(SecretCipher):
    """Seals each secret under its own data key; opens only under the same binding.

    Unwrapped data keys are cached (bounded, `data_key_cache_ttl` seconds); decrypted secrets
    never are. `on_open` sees every opened secret (the log redactor registers its values).
    """

    def __init__(
        self,
        key_source: KeySource,
        *,
        data_key_cache_ttl: float = 300,
        data_key_cache_size: int = 1024,
        on_open: Callable[[SecretValue], None] | None = None,
    ) -> None:
        self._key_source = key_source
        self._cache = DataKeyCache(ttl=data_key_cache_ttl, max_size=data_key_cache_size)
        self._on_open = on_open

    async def seal(self, secret: SecretValue, binding: SecretBinding) -> SealedSecret:
        data_key = aead.new_key()
        plaintext = msgspec.json.encode(dict(secret.reveal()))
        nonce, ciphertext = aead.encrypt(
            data_key, plaintext, associated_data(binding, FORMAT_VERSION)
        )
        wrapped = await self._wrap(data_key, binding)
        return SealedSecret(
            kek_id=wrapped.kek_id,
            wrapped_key=wrapped.blob,
            nonce=nonce,
            ciphertext=ciphertext,
            format_version=FORMAT_VERSION,
        )

    async def open(self, sealed: SealedSecret, binding: SecretBinding) -> SecretValue:
        _check_format(sealed, binding)
        data_key = await self._data_key(sealed, binding)
        plaintext = aead.decrypt(
            data_key, sealed.nonce, sealed.ciphertext, associated_data(binding, FORMAT_VERSION)
        )
        if plaintext is None:
            raise SecretUnreadable(
                f"credential {binding.credential_id}: the sealed secret failed authentication "
                "(tampered, or copied from another credential or secret version)"
            )
        secret = _secret_from(plaintext, binding)
        if self._on_open is not None:
            self._on_open(secret)
        return secret

    async def rewrap(self, sealed: SealedSecret, binding: SecretBinding) -> SealedSecret:
        """Wraps the same data key under the active KEK; nonce and ciphertext stay byte-identical.

        A secret already under the active KEK comes back unchanged (no key-source call).
        """
        _check_format(sealed, binding)
        if sealed.kek_id == await self._key_source.active_kek_id():
            return sealed
        data_key = await self._data_key(sealed, binding)
        wrapped = await self._wrap(data_key, binding)
        return msgspec.structs.replace(sealed, kek_id=wrapped.kek_id, wrapped_key=wrapped.blob)

    async def _wrap(self, data_key: bytes, binding: SecretBinding) -> WrappedKey:
        context = binding.kms_context()
        try:
            wrapped = await self._key_source.wrap(data_key, context)
        except KeyUnavailable as exc:
            raise KeyUnavailable(f"credential {binding.credential_id}: {exc.message}") from exc
        self._cache.put(cache_key(wrapped.kek_id, wrapped.blob, context), data_key)
        return wrapped

    async def _data_key(self, sealed: SealedSecret, binding: SecretBinding) -> bytes:
        context = binding.kms_context()
        key = cache_key(sealed.kek_id, sealed.wrapped_key, context)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        wrapped = WrappedKey(kek_id=sealed.kek_id, blob=sealed.wrapped_key)
        try:
            data_key = await self._key_source.unwrap(wrapped, context)
        except SecretUnreadable as exc:
            raise SecretUnreadable(
                f"credential {binding.credential_id}: its data key failed to unwrap under KEK "
                f"{sealed.kek_id!r} (tampered, copied from another credential, or wrong KEK)"
            ) from exc
        except KeyUnavailable as exc:
            raise KeyUnavailable(f"credential {binding.credential_id}: {exc.message}") from exc
        if len(data_key) != aead.KEY_BYTES:
            raise SecretUnreadable(
                f"credential {binding.credential_id}: the unwrapped data key has the wrong size"
            )
        self._cache.put(key, data_key)
        return data_key


def _secret_from(plaintext: bytes, binding: SecretBinding) -> SecretValue:
    try:
        return SecretValue(_decode_secret(plaintext))
    except (msgspec.DecodeError, ValueError):
        # Authentic but not a secret map: a writer bug, reported without the content.
        raise SecretUnreadable(
            f"credential {binding.credential_id}: the opened secret is not a field map"
        ) from None


def _check_format(sealed: SealedSecret, binding: SecretBinding) -> None:
    if sealed.format_version != FORMAT_VERSION:
        raise SecretUnreadable(
            f"credential {binding.credential_id}: unknown sealed-secret format version "
            f"{sealed.format_version} (this build reads version {FORMAT_VERSION})"
        )
