#!/usr/bin/env python3
"""Fixture app: a single-page app that keeps its API token in a cookie its own script sets
(`document.cookie`, as js-cookie does), not one the server sets: the login response gives the
token in JSON, and every API call after it must carry the cookie. A server-set session cookie
is there too. Fresh tokens per process.

GET  /app           -> page (Set-Cookie: sid), its script logs in and stores the token
POST /api/login     {"username","password"} -> {"token": T}   (the script: document.cookie = "api_token=" + T)
GET  /api/profile   Cookie: api_token=T -> {"name": …}
POST /api/notes     Cookie: api_token=T, {"text"} -> {"id": …}
"""
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402

PAGE_SCRIPT = """<script>
fetch('/api/login', {method: 'POST', headers: {'Content-Type': 'application/json'},
                     body: JSON.stringify({username: 'demo', password: 'demo-pass'})})
  .then(r => r.json()).then(j => { document.cookie = 'api_token=' + j.token + '; path=/'; });
</script>"""


class CookieToken(App):
    def __init__(self):
        super().__init__()
        self.tokens = set()

    def live(self, req):
        with self.lock:
            return req.cookies.get("api_token") in self.tokens

    @route("GET", r"/app")
    def app(self, req):
        return Reply.page("Notes", '<div id="notes"></div>' + PAGE_SCRIPT,
                          headers=[("Set-Cookie", f"sid={self.token(12)}; Path=/; HttpOnly")])

    @route("POST", r"/api/login")
    def login(self, req):
        if req.json.get("username") != "demo" or req.json.get("password") != "demo-pass":
            return Reply.json({"error": "bad login"}, 401)
        token = secrets.token_hex(24)
        with self.lock:
            self.tokens.add(token)
        return Reply.json({"token": token, "expires_in": 3600})

    @route("GET", r"/api/profile")
    def profile(self, req):
        return self.check(self.live(req), "profile: no live api_token cookie", lambda: Reply.json({"name": "Demo User"}), 401)

    @route("POST", r"/api/notes")
    def notes(self, req):
        return self.check(self.live(req), "notes: no live api_token cookie",
                          lambda: Reply.json({"id": secrets.randbelow(10**6), "text": req.json.get("text", "")}), 401)


if __name__ == "__main__":
    sys.exit(main(CookieToken))
