"""Checks a secret and config against the fields a provider declares (ProviderSpec)."""

from __future__ import annotations

from collections.abc import Mapping

from integration_api.domain.errors import ValidationFailed
from integration_api.domain.providers import FieldSpec, ProviderSpec

MAX_FIELD_LENGTH = 64 * 1024


def _check(kind: str, declared: tuple[FieldSpec, ...], given: Mapping[str, object]) -> None:
    names = {f.name for f in declared}
    for name in given:
        if name not in names:
            # the unknown name is not echoed: callers paste keys into the wrong place
            allowed = ", ".join(sorted(names)) or "none"
            raise ValidationFailed(f"unknown {kind} field (allowed: {allowed})", field=kind)
    for name, value in given.items():
        if not isinstance(value, str):
            raise ValidationFailed(
                f"{kind} field '{name}' must be a string", field=f"{kind}.{name}"
            )
        if len(value) > MAX_FIELD_LENGTH:
            raise ValidationFailed(f"{kind} field '{name}' is too long", field=f"{kind}.{name}")
    for spec in declared:
        if spec.required and not given.get(spec.name):
            raise ValidationFailed(
                f"{kind} field '{spec.name}' is required", field=f"{kind}.{spec.name}"
            )


def validate_secret(spec: ProviderSpec, secret: Mapping[str, object]) -> None:
    _check("secret", spec.secret_fields, secret)


def validate_config(spec: ProviderSpec, config: Mapping[str, object]) -> None:
    _check("config", spec.config_fields, config)
