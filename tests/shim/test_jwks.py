"""Keys from a JWKS URL (shim/auth.py JwksKeys): made-up key ids do not fetch the set on every token, a known key id
never waits for a fetch (not even a slow one), a rotated key is picked up, and a failed fetch keeps the keys held."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import http.server
import json
import threading
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from shim import auth
from shim.auth import JwtVerifier
from shim.config import Settings

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"


def b64(n: int) -> str:
    return base64.urlsafe_b64encode(n.to_bytes((n.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()


def public_jwk(key, kid: str) -> dict:
    numbers = key.public_key().public_numbers()
    return {"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": b64(numbers.n), "e": b64(numbers.e)}


class Issuer:
    """A JWKS endpoint that counts its fetches; `delay_s` makes it slow, `down` makes it fail."""

    def __init__(self):
        self.keys = {"k1": rsa.generate_private_key(public_exponent=65537, key_size=2048)}
        self.fetches, self.delay_s, self.down = 0, 0.0, False

    def token(self, kid: str = "k1", signer: str = "k1", subject: str = SEATTLE) -> str:
        claims = {"sub": subject, "exp": int(time.time()) + 60, "jti": str(time.monotonic_ns())}
        return jwt.encode(claims, self.keys[signer], algorithm="RS256", headers={"kid": kid})

    @contextlib.contextmanager
    def serving(self):
        issuer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                issuer.fetches += 1
                time.sleep(issuer.delay_s)
                if issuer.down:
                    self.send_error(503)
                    return
                body = json.dumps({"keys": [public_jwk(k, kid) for kid, k in issuer.keys.items()]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}/jwks.json"
        finally:
            httpd.shutdown()


@pytest.fixture
def issuer():
    return Issuer()


@pytest.fixture
def retry_soon(monkeypatch):
    monkeypatch.setattr(auth, "JWKS_RETRY_S", 0.5)


async def test_made_up_key_ids_fetch_once_and_a_known_one_never_waits_for_a_slow_issuer(issuer, retry_soon):
    with issuer.serving() as url:
        verifier = JwtVerifier(Settings(jwt_jwks_url=url))
        assert await verifier.verify_token(issuer.token())
        assert issuer.fetches == 1
        issuer.delay_s = 3  # the issuer slows down
        await asyncio.sleep(0.6)  # past the retry interval: the next unknown id may fetch
        made_up = [asyncio.create_task(verifier.verify_token(issuer.token(kid=f"made-up-{n}"))) for n in range(200)]
        await asyncio.sleep(0.05)
        started = time.monotonic()
        assert (await verifier.verify_token(issuer.token())).subject == SEATTLE  # a new token, a known key id
        assert time.monotonic() - started < 0.5
        assert await asyncio.gather(*made_up) == [None] * 200
        assert issuer.fetches == 2  # one fetch for 200 made-up ids


async def test_a_rotated_key_is_picked_up_and_a_failed_fetch_keeps_the_keys(issuer, retry_soon):
    with issuer.serving() as url:
        verifier = JwtVerifier(Settings(jwt_jwks_url=url))
        assert await verifier.verify_token(issuer.token())
        issuer.keys["k2"] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        await asyncio.sleep(0.6)
        assert (await verifier.verify_token(issuer.token(kid="k2", signer="k2"))).subject == SEATTLE
        issuer.down = True
        await asyncio.sleep(0.6)
        assert await verifier.verify_token(issuer.token(kid="k3")) is None  # a fetch that fails
        assert await verifier.verify_token(issuer.token())  # the keys held still serve
        assert await verifier.verify_token(issuer.token(kid="k1", signer="k2")) is None  # a signature of another key
