"""Who is calling: a verified JWT over HTTP (HS256 shared secret, or RS256 from a PEM key or a JWKS URL).

The identity is one claim of the token (configurable, default `sub`); `exp` is required. The database decides what
an identity may see: this module only proves who the caller is."""

from __future__ import annotations

import asyncio
import math
import time
from typing import Any

import jwt
from mcp.server.auth.provider import AccessToken

from shim.observability import log

JWKS_REFRESH_S = 300  # how long fetched JWKS keys are trusted before the set is fetched again
JWKS_RETRY_S = 30  # a key id the set lacks (a rotation, or made up) fetches it again at most this often
JWKS_TIMEOUT_S = 5
TOKEN_CACHE_TTL_S = 60.0
LEEWAY_S = 30


class JwksKeys:
    """The signing keys of a JWKS URL by key id. The set is fetched off the event loop, one fetch at a time whoever
    asks: again in the background every JWKS_REFRESH_S (the keys held serve meanwhile), and for a key id it lacks at
    most once per JWKS_RETRY_S. Fetching on every unknown id, each in a worker thread, let tokens with made-up ids
    fill the threads while the issuer was slow or down, and no new token of anyone was verified."""

    def __init__(self, url: str):
        self.client = jwt.PyJWKClient(url, cache_jwk_set=False, timeout=JWKS_TIMEOUT_S)
        self.keys: dict[str | None, Any] = {}
        self.fetched_at = self.tried_at = -math.inf
        self._fetch: asyncio.Future | None = None

    async def key(self, kid: str | None) -> Any | None:
        now = time.monotonic()
        due = kid not in self.keys or now - self.fetched_at >= JWKS_REFRESH_S
        if due and self._fetch is None and now - self.tried_at >= JWKS_RETRY_S:
            self.tried_at = now
            self._fetch = asyncio.ensure_future(self._fetched())
        if kid not in self.keys and self._fetch is not None:
            await asyncio.shield(self._fetch)
        return self.keys.get(kid)

    async def _fetched(self) -> None:
        try:
            keys = await asyncio.to_thread(self.client.get_signing_keys)
            self.keys, self.fetched_at = {k.key_id: k.key for k in keys}, time.monotonic()
        except Exception as exc:  # the keys held stay; the next try is JWKS_RETRY_S away
            log("warning", "could not fetch the JWKS", error=str(exc)[:300])
        finally:
            self._fetch = None


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
        self._jwks = JwksKeys(settings.jwt_jwks_url) if settings.jwt_jwks_url else None
        self._tokens: dict[str, tuple[AccessToken, float]] = {}

    async def _key(self, header: dict) -> Any:
        algorithm, settings = header.get("alg"), self.settings
        if algorithm == "HS256" and settings.jwt_secret:
            return settings.jwt_secret
        if algorithm == "RS256" and self._public_key:
            return self._public_key
        if algorithm == "RS256" and self._jwks:
            key = await self._jwks.key(header.get("kid"))
            if key is None:
                raise jwt.InvalidKeyError("no key of the JWKS has this key id")
            return key
        raise jwt.InvalidAlgorithmError("token algorithm is not accepted by this server")

    def decode(self, token: str, algorithm: str, key: Any) -> dict:
        """The verified claims, or jwt.InvalidTokenError."""
        audience, issuer = self.settings.jwt_audience, self.settings.jwt_issuer
        options = {"require": ["exp"], "verify_aud": audience is not None}
        return jwt.decode(token, key, [algorithm], audience=audience, issuer=issuer, leeway=LEEWAY_S, options=options)

    async def _verify(self, token: str) -> AccessToken | None:
        try:
            header = jwt.get_unverified_header(token)
            claims = self.decode(token, header.get("alg"), await self._key(header))
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
