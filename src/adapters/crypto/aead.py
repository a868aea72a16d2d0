"""AES-256-GCM with a random 96-bit nonce: the one primitive both the cipher and the keyring use."""

from __future__ import annotations

import os
from collections.abc import Mapping

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16


def new_key() -> bytes:
    """A fresh random 256-bit key."""
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def encrypt(key: bytes, plaintext: bytes, associated_data: bytes) -> tuple[bytes, bytes]:
    """Returns (nonce, ciphertext with tag). The nonce is random, so a key may seal many times."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, associated_data)


def decrypt(key: bytes, nonce: bytes, ciphertext: bytes, associated_data: bytes) -> bytes | None:
    """The plaintext, or None when anything fails authentication (never garbage)."""
    if len(key) != KEY_BYTES or len(nonce) != NONCE_BYTES or len(ciphertext) < TAG_BYTES:
        return None
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, associated_data)
    except InvalidTag:
        return None


def canonical_context(context: Mapping[str, str]) -> bytes:
    """One byte string per context, whatever the key order: compact JSON with sorted keys."""
    return msgspec.json.encode(dict(context), order="sorted")
