"""Who is calling: a verified JWT over HTTP (HS256 shared secret, or RS256 from a PEM key or a JWKS URL).

The identity is one claim of the token (configurable, default `sub`); `exp` is required. The database decides what
an identity may see: this module only proves who the caller is."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from pathlib import Path

import jwt
from mcp.server.auth.provider import AccessToken


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
        self._jwks = jwt.PyJWKClient(settings.jwks_url, cache_keys=True, lifespan=300) if settings.jwks_url else None
        self.last_error: str | None = None

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
        except (jwt.PyJWTError, ValueError) as exc:
            self.last_error = f"{type(exc).__name__}: {exc}"
            return None
        identity = claims.get(self.settings.identity_claim)
        if not isinstance(identity, str) or not identity:
            self.last_error = f"token has no {self.settings.identity_claim!r} claim"
            return None
        return AccessToken(
            token=token,
            client_id=str(claims.get("azp") or claims.get("client_id") or "jwt"),
            scopes=str(claims.get("scope") or "").split(),
            expires_at=int(claims["exp"]),
            subject=identity,
            claims=claims,
        )


def mint_token(secret: str, identity: str, ttl_s: int = 3600, claim: str = "sub", **extra) -> str:
    """An HS256 development token for `identity`, valid for ttl_s seconds."""
    now = int(time.time())
    return jwt.encode({claim: identity, "iat": now, "exp": now + ttl_s, **extra}, secret, algorithm="HS256")
