"""Which KEKs are too weak to protect anything: wrong size, published, or visibly not random."""

from __future__ import annotations

import base64

KEK_BYTES = 32

# The documented example (README / docs): anyone can read it, so production refuses it.
EXAMPLE_KEYRING = "example:aW50ZWdyYXRpb24tYXBpLWV4YW1wbGUta2VrLTAwMDE="

WELL_KNOWN_KEYS = frozenset(
    {
        base64.b64decode(EXAMPLE_KEYRING.partition(":")[2]),
        b"0123456789abcdef0123456789abcdef",
        b"01234567890123456789012345678901",
        b"12345678901234567890123456789012",
        b"abcdefghijklmnopqrstuvwxyz012345",
        b"changemechangemechangemechangeme",
        b"secretsecretsecretsecretsecretse",
    }
)

# A random 32-byte key has about 30 distinct byte values; under 16 is a pattern, not a key.
_MIN_DISTINCT_BYTES = 16


def size_problem(key: bytes) -> str | None:
    """Why this key cannot be an AES-256 KEK at all, or None."""
    if len(key) != KEK_BYTES:
        return f"is {len(key)} bytes; a KEK must be exactly {KEK_BYTES} random bytes"
    return None


def weakness(key: bytes) -> str | None:
    """Why this 32-byte key must not guard production secrets, or None. Never shows the key."""
    if key in WELL_KNOWN_KEYS:
        return "is a well-known example key"
    if len(set(key)) == 1:
        return "is one byte repeated"
    if len(set(key)) < _MIN_DISTINCT_BYTES:
        return "has too few distinct bytes to be random"
    return None
