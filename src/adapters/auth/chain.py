"""Routes a bearer token to the authenticator that understands its shape."""

from __future__ import annotations

from integration_api.adapters.auth.token_format import PREFIX
from integration_api.application.ports.caller_authenticator import CallerAuthenticator
from integration_api.domain.errors import Unauthenticated
from integration_api.domain.tenancy import Principal


class ChainAuthenticator(CallerAuthenticator):
    """`iapi_...` goes to the API token authenticator; a three-part `a.b.c` token goes to the
    JWT authenticator when one is configured; anything else, or nothing, is Unauthenticated."""

    def __init__(self, api_tokens: CallerAuthenticator, jwt: CallerAuthenticator | None) -> None:
        self._api_tokens = api_tokens
        self._jwt = jwt

    async def authenticate(self, bearer: str | None) -> Principal:
        if not bearer:
            raise Unauthenticated("missing bearer token")
        if bearer.startswith(PREFIX):
            return await self._api_tokens.authenticate(bearer)
        if self._jwt is not None and bearer.count(".") == 2:
            return await self._jwt.authenticate(bearer)
        raise Unauthenticated("unrecognised bearer token")
