"""Scope checks every use case runs first."""

from __future__ import annotations

from integration_api.domain.errors import PermissionDenied
from integration_api.domain.tenancy import Principal, Scope


def require(principal: Principal, scope: Scope) -> None:
    if not principal.has(scope):
        raise PermissionDenied(f"this token lacks the '{scope.value}' scope")
