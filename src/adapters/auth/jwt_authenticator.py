"""JWT caller authentication (PyJWT): HS256 with a shared secret, RS256 with a PEM public key
or a JWKS URL. Only the configured algorithms are accepted, each with its own key."""

from __future__ import annotations

from typing import Any

import jwt
from jwt.algorithms import RSAAlgorithm

from integration_api.adapters.auth.jwks_keys import JwksKeys
from integration_api.adapters.auth.jwt_claims import INVALID_JWT, principal_from_claims
from integration_api.application.ports.caller_authenticator import CallerAuthenticator
from integration_api.domain.errors import Unauthenticated
from integration_api.domain.tenancy import Principal

MAX_TOKEN_LENGTH = 16_384
_REQUIRED_CLAIMS = ["iss", "aud", "exp", "sub"]


class JwtAuthenticator(CallerAuthenticator):
    """Verifies signature, `iss`, `aud`, `exp` (with `clock_skew` seconds of leeway) and the
    presence of `sub`, then maps claims to a Principal (see jwt_claims). `alg: none`, and any
    algorithm not configured here, is rejected before a key is chosen, which rules out
    algorithm confusion (an HS256 token "signed" with our RSA public key). Every failure
    raises Unauthenticated with one generic message that never contains the token."""

    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        hs256_secret: str | None = None,
        public_key_pem: str | None = None,
        jwks_url: str | None = None,
        clock_skew: float = 30,
    ) -> None:
        if not issuer or not audience:
            raise ValueError("JWT authentication needs both an issuer and an audience")
        if public_key_pem and jwks_url:
            raise ValueError("configure either a JWT public key or a JWKS URL, not both")
        if not (hs256_secret or public_key_pem or jwks_url):
            raise ValueError("JWT authentication needs an HS256 secret, a public key or a JWKS URL")
        self._issuer = issuer
        self._audience = audience
        self._leeway = clock_skew
        self._hs256_secret = hs256_secret or None
        self._rsa_key = _load_rsa_public_key(public_key_pem) if public_key_pem else None
        self._jwks = JwksKeys(jwks_url) if jwks_url else None

    @property
    def algorithms(self) -> frozenset[str]:
        algs = {"HS256"} if self._hs256_secret else set()
        if self._rsa_key is not None or self._jwks is not None:
            algs.add("RS256")
        return frozenset(algs)

    async def authenticate(self, bearer: str | None) -> Principal:
        token = bearer or ""
        if not token or len(token) > MAX_TOKEN_LENGTH:
            raise Unauthenticated(INVALID_JWT)
        try:
            header = jwt.get_unverified_header(token)
            algorithm = header.get("alg")
            if algorithm not in self.algorithms:
                raise Unauthenticated(INVALID_JWT)
            key = await self._key_for(algorithm, token, header.get("kid"))
            claims = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": _REQUIRED_CLAIMS},
            )
        except (jwt.PyJWTError, ValueError, TypeError):
            raise Unauthenticated(INVALID_JWT) from None
        return principal_from_claims(claims)

    async def _key_for(self, algorithm: str, token: str, kid: Any) -> Any:
        if algorithm == "HS256":
            return self._hs256_secret
        if self._rsa_key is not None:
            return self._rsa_key
        assert self._jwks is not None  # guaranteed by `algorithms`
        return await self._jwks.key_for(token, kid if isinstance(kid, str) else None)


def _load_rsa_public_key(pem: str) -> Any:
    """Parses the PEM once (not per request); rejects anything but an RSA public key."""
    try:
        return RSAAlgorithm(RSAAlgorithm.SHA256).prepare_key(pem)
    except (jwt.PyJWTError, ValueError, TypeError):
        raise ValueError("the JWT public key is not an RSA public key in PEM format") from None
