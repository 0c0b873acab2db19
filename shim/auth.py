"""Who is calling: a verified JWT over HTTP (HS256 shared secret, or RS256 from a PEM key or a JWKS URL).

The identity is one claim of the token (configurable, default `sub`); `exp` is required. The database decides what
an identity may see: this module only proves who the caller is."""

from __future__ import annotations

import asyncio
import dataclasses
import math
import time
from pathlib import Path

import jwt
from mcp.server.auth.provider import AccessToken

JWKS_REFRESH_S = 300  # how long fetched JWKS keys are trusted before the set is fetched again
TOKEN_CACHE_TTL_S = 60.0


@dataclasses.dataclass(frozen=True)
class JwtSettings:
    secret: str | None = None  # HS256
    public_key_file: Path | None = None  # RS256, PEM
    jwks_url: str | None = None  # RS256, keys by `kid`
    identity_claim: str = "sub"
    audience: str | None = None
    issuer: str | None = None
    leeway_s: int = 30

    @property
    def configured(self) -> bool:
        return bool(self.secret or self.public_key_file or self.jwks_url)


class JwtVerifier:
    """The SDK's TokenVerifier: returns an AccessToken for a valid token, None for anything else."""

    def __init__(self, settings: JwtSettings):
        if not settings.configured:
            raise ValueError("a JWT secret, public key or JWKS URL is required")
        self.settings = settings
        self._public_key = settings.public_key_file.read_text() if settings.public_key_file else None
        self._jwks = (
            jwt.PyJWKClient(settings.jwks_url, cache_keys=True, lifespan=JWKS_REFRESH_S) if settings.jwks_url else None
        )

    def _keys_and_algorithms(self, token: str) -> list[tuple[object, str]]:
        header = jwt.get_unverified_header(token)
        algorithm = header.get("alg")
        candidates = []
        if algorithm == "HS256" and self.settings.secret:
            candidates.append((self.settings.secret, "HS256"))
        if algorithm == "RS256" and self._public_key:
            candidates.append((self._public_key, "RS256"))
        if algorithm == "RS256" and self._jwks:
            candidates.append((self._jwks.get_signing_key_from_jwt(token).key, "RS256"))
        return candidates

    def decode(self, token: str) -> dict:
        """The verified claims, or jwt.InvalidTokenError."""
        candidates = self._keys_and_algorithms(token)
        if not candidates:
            raise jwt.InvalidAlgorithmError("token algorithm is not accepted by this server")
        key, algorithm = candidates[0]
        return jwt.decode(
            token,
            key=key,
            algorithms=[algorithm],
            audience=self.settings.audience,
            issuer=self.settings.issuer,
            leeway=self.settings.leeway_s,
            options={"require": ["exp"], "verify_aud": self.settings.audience is not None},
        )

    async def verify_token(self, token: str) -> AccessToken | None:
        try:
            # JWKS fetches are blocking HTTP; keep them off the event loop.
            claims = await asyncio.to_thread(self.decode, token) if self._jwks else self.decode(token)
        except (jwt.PyJWTError, ValueError):
            return None
        identity = claims.get(self.settings.identity_claim)
        if not isinstance(identity, str) or not identity:
            return None
        return AccessToken(
            token=token,
            client_id=str(claims.get("azp") or claims.get("client_id") or "jwt"),
            scopes=str(claims.get("scope") or "").split(),
            expires_at=int(claims["exp"]),
            subject=identity,
            claims=claims,
        )


class CachedVerifier:
    """The one token check every path uses (the SDK's bearer middleware and the fast paths): verified tokens are
    kept by their text, at most `max_entries` of them, each until the earlier of its `exp` and `ttl_s` after it was
    verified. Verifying a JWT costs more than the rest of a fast call; the TTL bounds how long a token signed by a
    key since withdrawn from the JWKS (refreshed every JWKS_REFRESH_S) or a public key file since replaced keeps
    working."""

    def __init__(self, verifier: JwtVerifier, ttl_s: float = TOKEN_CACHE_TTL_S, max_entries: int = 10_000):
        self.verifier = verifier
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self._tokens: dict[str, tuple[AccessToken, float]] = {}

    async def verify_token(self, token: str) -> AccessToken | None:
        now = time.time()
        cached = self._tokens.get(token)
        if cached is not None and cached[1] > now:
            return cached[0]
        self._tokens.pop(token, None)
        access = await self.verifier.verify_token(token)
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
