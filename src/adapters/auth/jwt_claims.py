"""Verified JWT claims → Principal. Pure: the signature and times were checked before."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from integration_api.domain.errors import Unauthenticated
from integration_api.domain.tenancy import Principal, Scope, Tenant

INVALID_JWT = "invalid or expired JWT"
_KNOWN_SCOPES = {scope.value: scope for scope in Scope}


def principal_from_claims(claims: Mapping[str, Any]) -> Principal:
    """Reads `sub`, `organization`|`org_id`, `project`|`project_id`, `scope`|`scopes`.

    Raises Unauthenticated when the subject or tenant is missing or malformed; unknown
    scopes are ignored, so a token for other services still works with the ones we know.
    """
    subject = claims.get("sub")
    organization = _first_string(claims, "organization", "org_id")
    project = _first_string(claims, "project", "project_id")
    if not isinstance(subject, str) or not subject or organization is None or project is None:
        raise Unauthenticated(INVALID_JWT)
    try:
        tenant = Tenant(organization_id=organization, project_id=project)
    except ValueError:
        raise Unauthenticated(INVALID_JWT) from None
    return Principal(subject=subject, tenant=tenant, scopes=scopes_from_claims(claims), kind="jwt")


def scopes_from_claims(claims: Mapping[str, Any]) -> frozenset[Scope]:
    raw = claims.get("scope")
    names: Iterable[Any] = raw.split() if isinstance(raw, str) else ()
    listed = claims.get("scopes")
    if isinstance(listed, list):
        names = [*names, *listed]
    return frozenset(_KNOWN_SCOPES[n] for n in names if isinstance(n, str) and n in _KNOWN_SCOPES)


def _first_string(claims: Mapping[str, Any], *names: str) -> str | None:
    for name in names:
        value = claims.get(name)
        if isinstance(value, str) and value:
            return value
    return None
