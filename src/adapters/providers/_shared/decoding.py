"""Decoding vendor JSON with msgspec; anything off-format becomes ProviderInvalidResponse."""

from __future__ import annotations

from typing import TypeVar

import msgspec

from integration_api.domain.errors import ProviderInvalidResponse

T = TypeVar("T")


def decode_json(
    body: bytes | str, type_: type[T], *, provider: str, request_id: str | None = None
) -> T:
    """Decodes `body` as `type_`. The error message names the path, never the body."""
    try:
        return msgspec.json.decode(body, type=type_)
    except msgspec.DecodeError as exc:
        raise ProviderInvalidResponse(
            f"{provider} sent a body that is not its documented format ({_where(exc)})",
            provider=provider,
            request_id=request_id,
        ) from None


def _where(exc: msgspec.DecodeError) -> str:
    # msgspec messages look like "Expected `str`, got `int` - at `$.choices[0]`"; keep the
    # shape description only, no values.
    text = str(exc)
    return text if len(text) < 200 and "`$" in text else "malformed JSON"
