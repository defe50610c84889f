#!/usr/bin/env python3
"""Fixture app: Django-style CSRF. Fresh tokens per process.

GET  /accounts/login/  -> Set-Cookie csrftoken=C; form with hidden csrfmiddlewaretoken=M (a masked
                          form of C: 32 random chars + C xor-ed with them, as Django does)
POST /accounts/login/  (csrfmiddlewaretoken, username, password; cookie csrftoken)
                       -> 302 /dashboard/ + Set-Cookie sessionid when M unmasks to the cookie
GET  /dashboard/       -> page with a fresh hidden csrfmiddlewaretoken and notes
POST /api/notes/       JSON, header X-CSRFToken: the csrftoken cookie's value (read by the page's JS)
                       -> 201 {"id": n} when it equals the cookie
POST /notes/<n>/delete/ (form csrfmiddlewaretoken) -> 302 /dashboard/ when it unmasks to the cookie
"""
import secrets
import string
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402

CHARS = string.ascii_letters + string.digits


def mask(secret):
    salt = "".join(secrets.choice(CHARS) for _ in secret)
    return salt + "".join(CHARS[(CHARS.index(s) + CHARS.index(k)) % len(CHARS)] for s, k in zip(secret, salt))


def unmask(token):
    half = len(token) // 2
    salt, cipher = token[:half], token[half:]
    try:
        return "".join(CHARS[(CHARS.index(c) - CHARS.index(k)) % len(CHARS)] for c, k in zip(cipher, salt))
    except ValueError:
        return ""


class Django(App):
    def __init__(self):
        super().__init__()
        self.secrets = set()
        self.sessions = set()
        self.notes = 40 + secrets.randbelow(50)

    def form_token(self, req, headers):
        secret = req.cookies.get("csrftoken")
        if secret not in self.secrets:
            secret = "".join(secrets.choice(CHARS) for _ in range(32))
            with self.lock:
                self.secrets.add(secret)
            headers.append(("Set-Cookie", f"csrftoken={secret}; Path=/; SameSite=Lax"))
        return f'<input type="hidden" name="csrfmiddlewaretoken" value="{mask(secret)}">'

    def form_ok(self, req):
        secret = req.cookies.get("csrftoken", "")
        return secret in self.secrets and unmask(req.form.get("csrfmiddlewaretoken", "")) == secret

    @route("GET", r"/accounts/login/")
    def login_page(self, req):
        headers = []
        token = self.form_token(req, headers)
        return Reply.page("Log in | Notes", f'<form method="post">{token}<input name="username">'
                                            f'<input name="password" type="password"></form>', headers=headers)

    @route("POST", r"/accounts/login/")
    def login(self, req):
        session = secrets.token_hex(16)
        with self.lock:
            self.sessions.add(session)
        return self.check(self.form_ok(req), "login: csrfmiddlewaretoken does not unmask to the csrftoken cookie",
                          Reply.redirect("/dashboard/", headers=[("Set-Cookie", f"sessionid={session}; HttpOnly; Path=/")]))

    @route("GET", r"/dashboard/")
    def dashboard(self, req):
        headers = []
        token = self.form_token(req, headers)
        return Reply.page("Dashboard | Notes", f'<div id="notes"></div><form id="delete" method="post">{token}</form>'
                                               '<script src="/static/notes.js"></script>', headers=headers)

    @route("POST", r"/api/notes/")
    def add_note(self, req):
        secret = req.cookies.get("csrftoken", "")
        ok = secret in self.secrets and req.header("X-CSRFToken") == secret and req.cookies.get("sessionid") in self.sessions
        with self.lock:
            self.notes += 1
            note = self.notes
        return self.check(ok, "api: X-CSRFToken is not the csrftoken cookie", lambda: Reply.json({"id": note, "text": req.json.get("text")}, 201))

    @route("POST", r"/notes/(\d+)/delete/")
    def delete(self, req):
        ok = self.form_ok(req) and int(req.groups[0]) > 40
        return self.check(ok, "delete: csrfmiddlewaretoken does not unmask to the cookie", Reply.redirect("/dashboard/"))


if __name__ == "__main__":
    sys.exit(main(Django))
