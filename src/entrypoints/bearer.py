"""`Authorization: Bearer <token>` (an HTTP header or gRPC metadata) -> the token, or None."""

from __future__ import annotations


def bearer_of(header: object) -> str | None:
    if not isinstance(header, str) or not header:
        return None
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None
