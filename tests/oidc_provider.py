"""A small OpenID Connect provider for tests: discovery, authorize, token, JWKS and userinfo, with
id_tokens signed RS256 by a key made for the run. It stands in for a provincial 统一身份认证.

`authorize` signs in whoever `provider.person` names, at once, as a provider would after its own
login page; tests change `person` (the claims) or `audience` to try what a provider might send.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _int_bytes(n: int) -> bytes:
    return n.to_bytes((n.bit_length() + 7) // 8, "big")


class Provider:
    def __init__(self, client_id: str = "gongkai-test", client_secret: str = "test-secret-not-real") -> None:
        self.client_id, self.client_secret = client_id, client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        self.person: dict[str, Any] = {"sub": "u-1", "email": "clerk@example.cn", "email_verified": True}
        self.audience: str | None = None  # None: the client id, as it should be
        self.codes: dict[str, dict[str, Any]] = {}
        self.access: dict[str, dict[str, Any]] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Provider:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def discovery(self) -> dict[str, Any]:
        return {"issuer": self.url, "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token", "userinfo_endpoint": f"{self.url}/userinfo",
                "jwks_uri": f"{self.url}/jwks", "id_token_signing_alg_values_supported": ["RS256"],
                "response_types_supported": ["code"], "subject_types_supported": ["public"]}

    def jwks(self) -> dict[str, Any]:
        return self.jwks_of(self.key, self.kid)

    @staticmethod
    def jwks_of(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
        numbers = key.public_key().public_numbers()
        return {"keys": [{"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig",
                          "n": b64url(_int_bytes(numbers.n)), "e": b64url(_int_bytes(numbers.e))}]}

    def id_token(self, claims: dict[str, Any], nonce: str) -> str:
        now = int(time.time())
        payload = {"iss": self.url, "aud": self.audience or self.client_id, "iat": now, "exp": now + 300,
                   "nonce": nonce, **claims}
        header = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(payload).encode())}"
        signature = self.key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{b64url(signature)}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _json(self, data: dict[str, Any], status: int = 200) -> None:
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    return self._json(provider.discovery())
                if url.path == "/jwks":
                    return self._json(provider.jwks())
                if url.path == "/authorize":
                    if query.get("client_id") != provider.client_id or query.get("response_type") != "code":
                        return self._json({"error": "invalid_request"}, 400)
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = {"nonce": query.get("nonce", ""), "redirect_uri": query["redirect_uri"],
                                            "claims": dict(provider.person)}
                    self.send_response(302)
                    self.send_header("Location", f"{query['redirect_uri']}?"
                                     + urlencode({"code": code, "state": query["state"]}))
                    self.end_headers()
                    return None
                if url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in provider.access:
                        return self._json({"error": "invalid_token"}, 401)
                    return self._json(provider.access[token])
                return self._json({"error": "not_found"}, 404)

            def do_POST(self) -> None:
                if urlsplit(self.path).path != "/token":
                    return self._json({"error": "not_found"}, 404)
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                grant = provider.codes.pop(form.get("code", ""), None)
                if (grant is None or form.get("client_id") != provider.client_id
                        or form.get("client_secret") != provider.client_secret
                        or form.get("redirect_uri") != grant["redirect_uri"]):
                    return self._json({"error": "invalid_grant"}, 400)
                access = secrets.token_urlsafe(16)
                provider.access[access] = grant["claims"]
                return self._json({"access_token": access, "token_type": "Bearer", "expires_in": 300,
                                   "id_token": provider.id_token(grant["claims"], grant["nonce"])})

        return Handler
