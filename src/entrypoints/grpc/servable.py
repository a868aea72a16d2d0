"""The shape grpclib's Server accepts as a service handler (generated `...Base` subclasses,
Health, ServerReflection)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class Servable(Protocol):
    def __mapping__(self) -> Mapping[str, Any]: ...
