#!/usr/bin/env python3
"""Fixture app: requests signed by the page. Fresh secrets per process.

POST /session            -> {"session": {"token": T}}        (T random per call)
GET  /form               -> HTML with a hidden nonce N        (N random per call)
POST /transfer?mac=M     with header X-Signature: S and JSON {"amount", "nonce": N}
     accepted when S == sha256_hex(T) for a token this process issued and
     M == md5_hex(N + ":" + T) for a nonce it issued; 403 otherwise.
GET  /__fixture/verdicts -> {"accepted": a, "rejected": r, "reasons": [...]}

Starts on 127.0.0.1 (port 0 = free port) and prints "LISTENING http://127.0.0.1:PORT".
"""
import hashlib
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402


class Signed(App):
    def __init__(self):
        super().__init__()
        self.tokens = set()
        self.nonces = set()

    @route("GET", r"/form")
    def form(self, req):
        nonce = "n0nce-" + secrets.token_hex(6)
        with self.lock:
            self.nonces.add(nonce)
        return Reply(200, f'<html><head><title>Transfer</title></head><body><form>'
                          f'<input type="hidden" name="nonce" value="{nonce}"></form></body></html>')

    @route("POST", r"/session")
    def session(self, req):
        token = secrets.token_urlsafe(15)
        with self.lock:
            self.tokens.add(token)
        return Reply.json({"session": {"token": token}})

    @route("POST", r"/transfer")
    def transfer(self, req):
        sig = req.header("X-Signature")
        nonce = req.json.get("nonce", "")
        with self.lock:
            token = next((t for t in self.tokens if hashlib.sha256(t.encode()).hexdigest() == sig), None)
            ok_mac = token is not None and nonce in self.nonces and \
                hashlib.md5(f"{nonce}:{token}".encode()).hexdigest() == req.query.get("mac", "")
        if token is None:
            return self.check(False, "X-Signature is not sha256 of an issued token", None)
        return self.check(ok_mac, "mac is not md5(nonce:token) of an issued nonce", Reply.json({"status": "done"}))


if __name__ == "__main__":
    sys.exit(main(Signed))
