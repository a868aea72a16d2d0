"""Caller authentication: opaque API tokens, JWTs, and the chain that routes between them."""

from integration_api.adapters.auth.api_tokens import (
    ApiTokenAuthenticator,
    hash_token_secret,
    mint_api_token,
    parse_api_token,
)
from integration_api.adapters.auth.chain import ChainAuthenticator
from integration_api.adapters.auth.jwt_authenticator import JwtAuthenticator

__all__ = [
    "ApiTokenAuthenticator",
    "ChainAuthenticator",
    "JwtAuthenticator",
    "hash_token_secret",
    "mint_api_token",
    "parse_api_token",
]
