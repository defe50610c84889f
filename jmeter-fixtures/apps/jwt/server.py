#!/usr/bin/env python3
"""Fixture app: a JSON API with bearer JWTs (HS256, key fresh per process) and refresh tokens.

POST /api/auth/login   {"username","password"} -> {"access_token": JWT, "refresh_token": R, "expires_in": 300}
GET  /api/me           Authorization: Bearer JWT -> {"id": "usr_…", "name": "demo"}
GET  /api/accounts     Authorization: Bearer JWT -> {"accounts": [{"accountId": "acc_…", …}]}
POST /api/auth/refresh {"refresh_token": R}      -> a new access and refresh token (R is good once)
POST /api/accounts/<accountId>/transfers  Bearer (the new JWT), JSON {"amount", "to": {"accountId"}}
                       -> 201 when the JWT verifies and the accounts are the user's
"""
import base64
import hashlib
import hmac
import json
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402


def b64(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


class JwtApi(App):
    def __init__(self):
        super().__init__()
        self.key = secrets.token_bytes(32)
        self.refresh = set()
        self.user = "usr_" + secrets.token_hex(6)
        self.accounts = ["acc_" + secrets.token_hex(5) for _ in range(2)]

    def jwt(self):
        header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        claims = b64(json.dumps({"sub": self.user, "iat": int(time.time()), "exp": int(time.time()) + 300,
                                 "jti": secrets.token_hex(8)}).encode())
        sig = b64(hmac.new(self.key, f"{header}.{claims}".encode(), hashlib.sha256).digest())
        return f"{header}.{claims}.{sig}"

    def bearer_ok(self, req):
        token = req.header("Authorization")[7:]
        parts = token.split(".")
        if len(parts) != 3:
            return False
        sig = b64(hmac.new(self.key, f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest())
        return hmac.compare_digest(sig, parts[2])

    def tokens(self):
        refresh = secrets.token_urlsafe(24)
        with self.lock:
            self.refresh.add(refresh)
        return Reply.json({"access_token": self.jwt(), "token_type": "Bearer", "refresh_token": refresh, "expires_in": 300})

    @route("POST", r"/api/auth/login")
    def login(self, req):
        return self.tokens()

    @route("GET", r"/api/me")
    def me(self, req):
        return self.check(self.bearer_ok(req), "me: bad bearer token", lambda: Reply.json({"id": self.user, "name": "demo"}), 401)

    @route("GET", r"/api/accounts")
    def accounts(self, req):
        return self.check(self.bearer_ok(req), "accounts: bad bearer token", lambda: Reply.json(
            {"accounts": [{"accountId": a, "currency": "EUR", "balance": 100 * (i + 1)} for i, a in enumerate(self.accounts)]}), 401)

    @route("POST", r"/api/auth/refresh")
    def refresh_token(self, req):
        with self.lock:
            ok = req.json.get("refresh_token") in self.refresh
            self.refresh.discard(req.json.get("refresh_token"))
        return self.check(ok, "refresh: unknown or used refresh token", self.tokens, 401)

    @route("POST", r"/api/accounts/([\w]+)/transfers")
    def transfer(self, req):
        ok = self.bearer_ok(req) and req.groups[0] == self.accounts[0] and \
            req.json.get("to", {}).get("accountId") == self.accounts[1]
        return self.check(ok, "transfer: bad bearer token or accounts", lambda: Reply.json({"status": "booked"}, 201))


if __name__ == "__main__":
    sys.exit(main(JwtApi))
