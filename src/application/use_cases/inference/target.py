from __future__ import annotations

import msgspec


class Target(msgspec.Struct, frozen=True, kw_only=True):
    """A stored credential and the model to ask through it."""

    credential_id: str
    model: str
