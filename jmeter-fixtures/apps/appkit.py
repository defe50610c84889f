"""The small web framework the single-purpose fixture apps share: routes by method and path
pattern, parsed query/form/JSON/cookies, replies, and the verdict log every app keeps
(`GET /__fixture/verdicts` → {"accepted", "rejected", "reasons"}).

An app is a subclass of `App` whose methods are marked `@route("GET", r"/items/(\\w+)")`; a new
instance (fresh secrets) is made per process. A handler gets a `Request` and returns a `Reply`."""
import argparse
import json
import re
import secrets
import sys
import threading
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from loopback import serve


def route(method, pattern):
    def mark(fn):
        fn.route = (method, re.compile(pattern + r"\Z"))
        return fn
    return mark


class Request:
    def __init__(self, handler, url, raw):
        self.method = handler.command
        self.path = url.path
        self.query = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        self.headers = handler.headers
        self.raw = raw
        ctype = handler.headers.get("Content-Type", "")
        text = raw.decode("utf-8", "replace")
        self.form = {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()} \
            if "x-www-form-urlencoded" in ctype else {}
        try:
            self.json = json.loads(text) if "json" in ctype and text else {}
        except ValueError:
            self.json = {}
        jar = SimpleCookie(handler.headers.get("Cookie", ""))
        self.cookies = {k: m.value for k, m in jar.items()}
        self.groups = ()

    def header(self, name, default=""):
        return self.headers.get(name, default)


class Reply:
    def __init__(self, status=200, body="", ctype="text/html; charset=utf-8", headers=()):
        self.status, self.body, self.ctype, self.headers = status, body, ctype, list(headers)

    @classmethod
    def json(cls, obj, status=200, headers=()):
        return cls(status, json.dumps(obj), "application/json", headers)

    @classmethod
    def redirect(cls, location, status=302, headers=()):
        return cls(status, "", "text/html", [("Location", location), *headers])

    @classmethod
    def page(cls, title, body, status=200, headers=()):
        return cls(status, f"<!DOCTYPE html><html><head><title>{title}</title></head>"
                           f"<body><h1>{title}</h1>{body}</body></html>", headers=headers)


class App:
    def __init__(self):
        self.lock = threading.Lock()
        self.accepted = 0
        self.rejected = []
        self.routes = [getattr(self, n) for n in dir(self) if hasattr(getattr(self, n), "route")]

    @staticmethod
    def token(nbytes=16):
        return secrets.token_urlsafe(nbytes)

    def verdict(self, ok, reason):
        """Records the server's judgement of the dynamic values a request carried."""
        with self.lock:
            if ok:
                self.accepted += 1
            else:
                self.rejected.append(reason)
        return ok

    def check(self, ok, reason, reply_ok, status=403):
        """A checked request: the reply when the values are right, an error otherwise."""
        if self.verdict(ok, reason):
            return reply_ok() if callable(reply_ok) else reply_ok
        return Reply.json({"status": "error", "error": reason}, status)

    def dispatch(self, req):
        if req.path == "/__fixture/verdicts":
            with self.lock:
                return Reply.json({"accepted": self.accepted, "rejected": len(self.rejected),
                                   "reasons": self.rejected[-10:]})
        for fn in self.routes:
            method, pattern = fn.route
            m = pattern.match(req.path)
            if m and method == req.method:
                req.groups = m.groups()
                return fn(req)
        return Reply.json({"error": "not found"}, 404)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        reply = self.server.app.dispatch(Request(self, urlsplit(self.path), raw))
        data = reply.body.encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in reply.headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any


def main(app_class):
    """Entry point of an app's server.py: `--port` (0 = free), fresh state per process."""
    ap = argparse.ArgumentParser(description=(sys.modules[app_class.__module__].__doc__ or "").splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()
    return serve(Handler, lambda server: setattr(server, "app", app_class()), port=args.port)
