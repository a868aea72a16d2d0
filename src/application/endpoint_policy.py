"""Egress policy for caller-supplied endpoints (DESIGN.md §7): a credential's `base_url`
(or any `*_url` / `endpoint` config field) may not point at loopback, link-local or cloud
metadata addresses unless the operator allows private endpoints. This checks what the URL
says; names that resolve to such addresses later are the upstream layer's concern."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from urllib.parse import urlsplit

from integration_api.domain.errors import ValidationFailed

_BLOCKED_NAMES = frozenset({"localhost", "metadata", "metadata.google.internal"})


def _is_url_field(name: str) -> bool:
    return name.endswith("url") or name == "endpoint"


def blocked_host(host: str) -> bool:
    """True for loopback, link-local (cloud metadata) and unspecified addresses and names."""
    host = host.strip("[]").rstrip(".").lower()
    if host in _BLOCKED_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_link_local or address.is_unspecified


class EndpointPolicy:
    def __init__(self, *, allow_private: bool) -> None:
        self._allow_private = allow_private

    def check(self, config: Mapping[str, str]) -> None:
        """Raises ValidationFailed naming the field for a malformed or refused endpoint."""
        for name, value in config.items():
            if _is_url_field(name):
                self._check_url(f"config.{name}", value)

    def _check_url(self, field: str, value: str) -> None:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValidationFailed(f"{field} must be an http(s) URL", field=field)
        if parts.username or parts.password:
            raise ValidationFailed(f"{field} must not carry credentials", field=field)
        if not self._allow_private and blocked_host(parts.hostname):
            raise ValidationFailed(
                f"{field} points at a loopback, link-local or metadata address; set "
                "INTEGRATION_API_ALLOW_PRIVATE_ENDPOINTS=true to allow it",
                field=field,
            )
