"""Turns a domain constructor's ValueError/TypeError into ValidationFailed naming the field,
for every surface (REST, OpenAI dialect, gRPC): bad input is a 4xx, never a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from integration_api.domain.errors import ValidationFailed

T = TypeVar("T")


def checked(field: str, build: Callable[[], T]) -> T:
    try:
        return build()
    except (ValueError, TypeError) as exc:
        raise ValidationFailed(f"{field}: {exc}", field=field) from None
