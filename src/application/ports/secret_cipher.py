from __future__ import annotations

from typing import Protocol

from integration_api.domain.secrets import SealedSecret, SecretBinding, SecretValue


class SecretCipher(Protocol):
    """Envelope encryption: seal with a fresh data key, open only under the same binding.

    `open` raises SecretUnreadable on tampering, a foreign binding or a wrong KEK, and
    KeyUnavailable when the KEK cannot be reached. `rewrap` moves a sealed secret to the
    active KEK without decrypting the secret.
    """

    async def seal(self, secret: SecretValue, binding: SecretBinding) -> SealedSecret: ...

    async def open(self, sealed: SealedSecret, binding: SecretBinding) -> SecretValue: ...

    async def rewrap(self, sealed: SealedSecret, binding: SecretBinding) -> SealedSecret: ...
