"""Identifiers: a readable prefix and 128 random bits as 32 hex characters."""

from __future__ import annotations

import os


def new_id(prefix: str) -> str:
    # os.urandom directly: uuid4() costs ~3x more and its version nibble buys nothing here
    return f"{prefix}_{os.urandom(16).hex()}"
