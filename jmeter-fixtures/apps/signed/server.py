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
import argparse
import hashlib
import json
import secrets
import sys
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from loopback import serve  # noqa: E402  (the apps' shared serving code)


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.tokens = set()
        self.nonces = set()
        self.accepted = 0
        self.rejected = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, ctype):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def do_GET(self):
        url = urlsplit(self.path)
        st = self.server.state
        if url.path == "/form":
            nonce = "n0nce-" + secrets.token_hex(6)
            with st.lock:
                st.nonces.add(nonce)
            self.send(200, f'<html><head><title>Transfer</title></head><body><form>'
                           f'<input type="hidden" name="nonce" value="{nonce}"></form></body></html>', "text/html")
        elif url.path == "/__fixture/verdicts":
            with st.lock:
                self.send(200, json.dumps({"accepted": st.accepted, "rejected": len(st.rejected),
                                           "reasons": st.rejected[-10:]}), "application/json")
        else:
            self.send(404, "not found", "text/plain")

    def do_POST(self):
        url = urlsplit(self.path)
        st = self.server.state
        raw = self.body()
        if url.path == "/session":
            token = secrets.token_urlsafe(15)
            with st.lock:
                st.tokens.add(token)
            self.send(200, json.dumps({"session": {"token": token}}), "application/json")
        elif url.path == "/transfer":
            sig = self.headers.get("X-Signature", "")
            mac = parse_qs(url.query).get("mac", [""])[0]
            try:
                nonce = json.loads(raw or b"{}").get("nonce", "")
            except ValueError:
                nonce = ""
            with st.lock:
                token = next((t for t in st.tokens if hashlib.sha256(t.encode()).hexdigest() == sig), None)
                ok_mac = token is not None and nonce in st.nonces and \
                    hashlib.md5(f"{nonce}:{token}".encode()).hexdigest() == mac
                if token is None:
                    st.rejected.append("X-Signature is not sha256 of an issued token")
                elif not ok_mac:
                    st.rejected.append("mac is not md5(nonce:token) of an issued nonce")
                else:
                    st.accepted += 1
            if token is not None and ok_mac:
                self.send(200, json.dumps({"status": "done"}), "application/json")
            else:
                self.send(403, json.dumps({"status": "error"}), "application/json")
        else:
            self.send(404, "not found", "text/plain")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args(argv)
    return serve(Handler, lambda server: setattr(server, "state", State()), port=args.port)


if __name__ == "__main__":
    sys.exit(main())
