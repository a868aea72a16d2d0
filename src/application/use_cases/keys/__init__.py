"""Key-encryption-key lifecycle use cases, bundled for the Application facade."""

from __future__ import annotations

from dataclasses import dataclass

from integration_api.application.use_cases.keys.key_status import KeyStatus
from integration_api.application.use_cases.keys.retire_kek import RetireKek
from integration_api.application.use_cases.keys.rewrap_keys import RewrapKeys
from integration_api.application.use_cases.keys.rotate_kek import RotateKek


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyUseCases:
    status: KeyStatus
    rotate: RotateKek
    rewrap: RewrapKeys
    retire: RetireKek


__all__ = ["KeyUseCases"]
