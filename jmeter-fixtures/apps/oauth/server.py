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
import argparse
import base64
import hashlib
import json
import secrets
import sys
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from loopback import serve  # noqa: E402  (the apps' shared serving code)


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.codes = {}  # code -> challenge (None once used)
        self.tokens = set()
        self.accepted = 0
        self.rejected = []

    def verdict(self, ok, reason):
        with self.lock:
            if ok:
                self.accepted += 1
            else:
                self.rejected.append(reason)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body="", ctype="application/json", headers=()):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        st = self.server.state
        if url.path == "/authorize":
            challenge = q.get("code_challenge", "")
            ok = bool(challenge) and q.get("code_challenge_method") == "S256"
            st.verdict(ok, "authorize without an S256 code_challenge")
            if not ok:
                return self.send(400, json.dumps({"error": "invalid_request"}))
            code = secrets.token_urlsafe(16)
            with st.lock:
                st.codes[code] = challenge
            location = f"/callback?code={code}&state={quote(q.get('state', ''))}"
            return self.send(302, "", "text/html", [("Location", location)])
        if url.path == "/callback":
            return self.send(200, "<html><head><title>Signed in</title></head><body>Signed in</body></html>", "text/html")
        if url.path == "/api/me":
            auth = self.headers.get("Authorization", "")
            with st.lock:
                ok = auth.startswith("Bearer ") and auth[7:] in st.tokens
            st.verdict(ok, "unknown bearer token")
            return self.send(200 if ok else 401, json.dumps({"user": "demo"} if ok else {"error": "invalid_token"}))
        if url.path == "/__fixture/verdicts":
            with st.lock:
                return self.send(200, json.dumps({"accepted": st.accepted, "rejected": len(st.rejected),
                                                  "reasons": st.rejected[-10:]}))
        self.send(404, json.dumps({"error": "not found"}))

    def do_POST(self):
        url = urlsplit(self.path)
        st = self.server.state
        n = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(n).decode() if n else "").items()}
        if url.path != "/token":
            return self.send(404, json.dumps({"error": "not found"}))
        verifier = form.get("code_verifier", "")
        derived = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
        with st.lock:
            expected = st.codes.get(form.get("code", ""))
            ok = expected is not None and expected == derived
            if ok:
                st.codes[form["code"]] = None  # a code is good once
                token = secrets.token_urlsafe(24)
                st.tokens.add(token)
        st.verdict(ok, "code unknown or used, or code_verifier does not match the challenge")
        if ok:
            return self.send(200, json.dumps({"access_token": token, "token_type": "Bearer"}))
        self.send(400, json.dumps({"error": "invalid_grant"}))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args(argv)
    return serve(Handler, lambda server: setattr(server, "state", State()), port=args.port)


if __name__ == "__main__":
    sys.exit(main())
