"""Opaque page cursors: a (timestamp, id) position, urlsafe-base64 JSON."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

import msgspec

from integration_api.domain.errors import ValidationFailed


class _Position(msgspec.Struct, array_like=True):
    at: datetime
    id: str


def encode_cursor(at: datetime, item_id: str) -> str:
    raw = msgspec.json.encode(_Position(at=at, id=item_id))
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """Raises ValidationFailed(field="cursor") for anything this module did not write."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        position = msgspec.json.decode(raw, type=_Position)
    except (binascii.Error, ValueError, msgspec.DecodeError):
        raise ValidationFailed("invalid page cursor", field="cursor") from None
    if position.at.tzinfo is None:
        raise ValidationFailed("invalid page cursor", field="cursor")
    return position.at, position.id


def clamp_limit(limit: int, maximum: int) -> int:
    return max(1, min(limit, maximum))
