from __future__ import annotations

from collections.abc import Mapping

import msgspec

from integration_api.domain.secrets import SecretValue


class ProviderBinding(msgspec.Struct, frozen=True, kw_only=True):
    """What an adapter needs to call its vendor once: the opened secret and the config.

    Lives for one call; never cached, logged or encoded (SecretValue refuses encoding).
    """

    provider: str
    secret: SecretValue
    config: Mapping[str, str]
