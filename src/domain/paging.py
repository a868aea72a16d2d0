"""Cursor pagination shared by every listing."""

from __future__ import annotations

from typing import Generic, TypeVar

import msgspec

T = TypeVar("T")

MAX_PAGE_SIZE = 200


class Page(msgspec.Struct, Generic[T], frozen=True, kw_only=True):
    """One page; `next_cursor` is None on the last page."""

    items: tuple[T, ...]
    next_cursor: str | None = None
