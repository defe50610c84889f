#!/usr/bin/env python3
"""Fixture app: an OAuth 2.0 authorization-code flow with PKCE. Fresh codes and tokens per process.

GET  /authorize?client_id&code_challenge&code_challenge_method=S256&state
     -> 302 Location: /callback?code=C&state=<state>   (C random, bound to the challenge)
GET  /callback?code&state -> 200 HTML page ("Signed in")
POST /token (form: grant_type=authorization_code, code, code_verifier)
     -> {"access_token": T} when base64url(sha256(code_verifier)) is C's challenge and C was not
        used before; 400 {"error": ...} otherwise
GET  /api/me with "Authorization: Bearer T" -> {"user": "demo"} for an issued token; 401 otherwise
GET  /__fixture/verdicts -> {"accepted": a, "rejected": r, "reasons": [...]}
"""
import base64
import hashlib
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402


class OAuth(App):
    def __init__(self):
        super().__init__()
        self.codes = {}  # code -> challenge (None once used)
        self.tokens = set()

    @route("GET", r"/authorize")
    def authorize(self, req):
        challenge = req.query.get("code_challenge", "")
        ok = bool(challenge) and req.query.get("code_challenge_method") == "S256"
        if not self.verdict(ok, "authorize without an S256 code_challenge"):
            return Reply.json({"error": "invalid_request"}, 400)
        code = self.token(16)
        with self.lock:
            self.codes[code] = challenge
        return Reply.redirect(f"/callback?code={code}&state={quote(req.query.get('state', ''))}")

    @route("GET", r"/callback")
    def callback(self, req):
        return Reply(200, "<html><head><title>Signed in</title></head><body>Signed in</body></html>")

    @route("POST", r"/token")
    def exchange(self, req):
        verifier = req.form.get("code_verifier", "")
        derived = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
        token = self.token(24)
        with self.lock:
            code = req.form.get("code", "")
            ok = self.codes.get(code) is not None and self.codes[code] == derived
            if ok:
                self.codes[code] = None  # a code is good once
                self.tokens.add(token)
        return self.check(ok, "code unknown or used, or code_verifier does not match the challenge",
                          Reply.json({"access_token": token, "token_type": "Bearer"}), 400)

    @route("GET", r"/api/me")
    def me(self, req):
        auth = req.header("Authorization")
        with self.lock:
            ok = auth.startswith("Bearer ") and auth[7:] in self.tokens
        return self.check(ok, "unknown bearer token", Reply.json({"user": "demo"}), 401)


if __name__ == "__main__":
    sys.exit(main(OAuth))
