"""Who is calling: a verified JWT over HTTP (HS256 shared secret, or RS256 from a PEM key or a JWKS URL).

The identity is one claim of the token (configurable, default `sub`); `exp` is required. The database decides what
an identity may see: this module only proves who the caller is."""

from __future__ import annotations

import asyncio
import math
import time

import jwt
from mcp.server.auth.provider import AccessToken

JWKS_REFRESH_S = 300  # how long fetched JWKS keys are trusted before the set is fetched again
TOKEN_CACHE_TTL_S = 60.0
LEEWAY_S = 30


class JwtVerifier:
    """The SDK's TokenVerifier, and the one token check every path uses (the SDK's bearer middleware and the fast
    paths): an AccessToken for a valid token, None for anything else. Verified tokens are kept by their text, at
    most `max_entries` of them, each until the earlier of its `exp` and `ttl_s` after it was verified. Verifying a
    JWT costs more than the rest of a fast call; the TTL bounds how long a token signed by a key since withdrawn
    from the JWKS (refreshed every JWKS_REFRESH_S) or a public key file since replaced keeps working."""

    def __init__(self, settings, ttl_s: float = TOKEN_CACHE_TTL_S, max_entries: int = 10_000):
        if not settings.jwt_configured:
            raise ValueError("a JWT secret, public key or JWKS URL is required")
        self.settings, self.ttl_s, self.max_entries = settings, ttl_s, max_entries
        self._public_key = settings.jwt_public_key_file.read_text() if settings.jwt_public_key_file else None
        jwks = settings.jwt_jwks_url
        self._jwks = jwt.PyJWKClient(jwks, cache_keys=True, lifespan=JWKS_REFRESH_S) if jwks else None
        self._tokens: dict[str, tuple[AccessToken, float]] = {}

    def decode(self, token: str) -> dict:
        """The verified claims, or jwt.InvalidTokenError."""
        algorithm, settings = jwt.get_unverified_header(token).get("alg"), self.settings
        if algorithm == "HS256" and settings.jwt_secret:
            key = settings.jwt_secret
        elif algorithm == "RS256" and (self._public_key or self._jwks):
            key = self._public_key or self._jwks.get_signing_key_from_jwt(token).key
        else:
            raise jwt.InvalidAlgorithmError("token algorithm is not accepted by this server")
        audience = settings.jwt_audience
        options = {"require": ["exp"], "verify_aud": audience is not None}
        return jwt.decode(
            token, key, [algorithm], audience=audience, issuer=settings.jwt_issuer, leeway=LEEWAY_S, options=options
        )

    async def _verify(self, token: str) -> AccessToken | None:
        try:
            # JWKS fetches are blocking HTTP; keep them off the event loop.
            claims = await asyncio.to_thread(self.decode, token) if self._jwks else self.decode(token)
        except (jwt.PyJWTError, ValueError):
            return None
        identity = claims.get(self.settings.identity_claim)
        if not isinstance(identity, str) or not identity:
            return None
        client_id = str(claims.get("azp") or claims.get("client_id") or "jwt")
        scopes = str(claims.get("scope") or "").split()
        return AccessToken(
            token=token,
            client_id=client_id,
            scopes=scopes,
            expires_at=int(claims["exp"]),
            subject=identity,
            claims=claims,
        )

    async def verify_token(self, token: str) -> AccessToken | None:
        now = time.time()
        cached = self._tokens.get(token)
        if cached is not None and cached[1] > now:
            return cached[0]
        self._tokens.pop(token, None)
        access = await self._verify(token)
        # The SDK's bearer backend refuses a token past expires_at, without leeway: so does every path.
        if access is None or (access.expires_at is not None and access.expires_at < now):
            return None
        until = min(now + self.ttl_s, access.expires_at if access.expires_at is not None else math.inf)
        if until > now:
            while len(self._tokens) >= self.max_entries:  # oldest first: dicts keep insertion order
                del self._tokens[next(iter(self._tokens))]
            self._tokens[token] = (access, until)
        return access


def mint_token(secret: str, identity: str, ttl_s: int = 3600, claim: str = "sub", **extra) -> str:
    """An HS256 development token for `identity`, valid for ttl_s seconds."""
    now = int(time.time())
    return jwt.encode({claim: identity, "iat": now, "exp": now + ttl_s, **extra}, secret, algorithm="HS256")
