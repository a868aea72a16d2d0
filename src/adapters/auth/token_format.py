"""The shape of our opaque API tokens: `iapi_<token_id>_<secret>`.

The id is lowercase alphanumeric (never `_`), so the first `_` after the prefix splits id
from secret even though the url-safe base64 secret may itself contain `_` or `-`.
"""

from __future__ import annotations

import hashlib
import re
import secrets

PREFIX = "iapi_"
ID_LENGTH = 12
SECRET_BYTES = 32
_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_TOKEN_RE = re.compile(r"iapi_([a-z0-9]{12})_([A-Za-z0-9_-]{43})")


def new_token_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(ID_LENGTH))


def new_token_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def format_api_token(token_id: str, secret: str) -> str:
    return f"{PREFIX}{token_id}_{secret}"


def parse_api_token(token: str) -> tuple[str, str] | None:
    """(token_id, secret) for a well-formed token, None for anything else."""
    match = _TOKEN_RE.fullmatch(token)
    return (match.group(1), match.group(2)) if match else None


def hash_token_secret(secret: str) -> bytes:
    # The secret is 256 random bits, so a fast unsalted hash is right here: there is no
    # dictionary to attack, and a slow KDF would only add per-request latency.
    return hashlib.sha256(secret.encode()).digest()
