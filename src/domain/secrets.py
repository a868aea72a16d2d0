"""Secret material: the opened value (in memory, for one call) and its sealed form (stored)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

import msgspec

FORMAT_VERSION = 1


def fingerprint_of(value: str) -> str:
    """A display hint that reveals at most the last four characters: `sk-...wxyz`."""
    if len(value) < 12:
        return "..." + "*" * 4
    prefix = value[:3] if value[:3].isalpha() or value.startswith("sk-") else ""
    return f"{prefix}...{value[-4:]}"


class SecretValue:
    """A decrypted secret map. `reveal()` is the only way in; it never prints, encodes
    or pickles."""

    __slots__ = ("_fingerprint", "_items")
    _items: dict[str, str]
    _fingerprint: str

    def __init__(self, items: Mapping[str, str], *, primary: str | None = None) -> None:
        for key, val in items.items():
            if not isinstance(key, str) or not isinstance(val, str):
                raise TypeError("secret fields are strings")
        object.__setattr__(self, "_items", dict(items))
        # a keyless secret (an OpenAI-compatible server without auth) is allowed
        first = items[primary] if primary and primary in items else next(iter(items.values()), "")
        object.__setattr__(self, "_fingerprint", fingerprint_of(first) if first else "(none)")

    def reveal(self) -> Mapping[str, str]:
        return self._items

    def get(self, field: str) -> str | None:
        return self._items.get(field)

    @property
    def fingerprint(self) -> str:
        return self._fingerprint

    def values(self) -> tuple[str, ...]:
        """The plaintext values, for registering with the log redactor."""
        return tuple(self._items.values())

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError("SecretValue is immutable")

    def __repr__(self) -> str:
        return f"SecretValue({self._fingerprint})"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __reduce__(self) -> NoReturn:
        raise TypeError("SecretValue cannot be pickled")

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise TypeError("SecretValue cannot be pickled")

    def __copy__(self) -> SecretValue:
        return self

    def __deepcopy__(self, memo: Any) -> SecretValue:
        return self

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SecretValue) and self._items == other._items

    def __hash__(self) -> int:
        return id(self)


class SecretBinding(msgspec.Struct, frozen=True, kw_only=True):
    """What a ciphertext is bound to (AES-GCM associated data): moved, it fails to open."""

    organization_id: str
    project_id: str
    credential_id: str
    provider: str
    secret_version: int

    def associated_data(self) -> bytes:
        parts = (
            self.organization_id,
            self.project_id,
            self.credential_id,
            self.provider,
            str(self.secret_version),
        )
        return "|".join(parts).encode()

    def kms_context(self) -> dict[str, str]:
        return {
            "organization": self.organization_id,
            "project": self.project_id,
            "credential": self.credential_id,
        }


class SealedSecret(msgspec.Struct, frozen=True, kw_only=True):
    """The stored envelope: data key wrapped by a KEK, secret sealed by the data key."""

    kek_id: str
    wrapped_key: bytes
    nonce: bytes
    ciphertext: bytes
    format_version: int = FORMAT_VERSION
