"""Identifiers: a readable prefix and 32 hex characters."""

from __future__ import annotations

import itertools
import os


def new_id(prefix: str) -> str:
    """128 random bits: for ids callers hold and pass back (credentials), unguessable."""
    # os.urandom directly: uuid4() costs ~3x more and its version nibble buys nothing here
    return f"{prefix}_{os.urandom(16).hex()}"


_PROCESS = os.urandom(8).hex()
_SEQUENCE = itertools.count()


def new_record_id(prefix: str) -> str:
    """Unique, not secret: 64 random bits per process then a counter, for records written on
    every request (audit entries), where a syscall per id showed up in the profile. A fork
    re-seeds in the child (os.register_at_fork), so workers never share a prefix."""
    return f"{prefix}_{_PROCESS}{next(_SEQUENCE):016x}"


def _reseed() -> None:
    global _PROCESS, _SEQUENCE
    _PROCESS, _SEQUENCE = os.urandom(8).hex(), itertools.count()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reseed)
