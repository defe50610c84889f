#!/usr/bin/env python3
"""Fixture app: a rolling anti-replay token. Every response issues the next token in the
X-Request-Token header; every request after the first must send the latest one it was given
(each token is good once). Fresh tokens per process.

GET  /portal                         -> page, X-Request-Token: T1
GET  /portal/api/inbox               X-Request-Token: T1 -> {"messages": […]}, X-Request-Token: T2
POST /portal/api/messages/read       X-Request-Token: T2 -> {"ok": true},      X-Request-Token: T3
GET  /portal/api/inbox?folder=archive X-Request-Token: T3 -> …,                 X-Request-Token: T4
"""
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402


class Rolling(App):
    def __init__(self):
        super().__init__()
        self.live = set()

    def next_token(self):
        token = secrets.token_hex(16)
        with self.lock:
            self.live.add(token)
        return [("X-Request-Token", token)]

    def spend(self, req):
        with self.lock:
            token = req.header("X-Request-Token")
            ok = token in self.live
            self.live.discard(token)
        return ok

    @route("GET", r"/portal")
    def portal(self, req):
        return Reply.page("Portal", '<div id="inbox"></div>', headers=self.next_token())

    @route("GET", r"/portal/api/inbox")
    def inbox(self, req):
        return self.check(self.spend(req), "inbox: X-Request-Token is not a live token", lambda: Reply.json(
            {"folder": req.query.get("folder", "inbox"), "messages": [{"subject": "Welcome"}]}, headers=self.next_token()))

    @route("POST", r"/portal/api/messages/read")
    def read(self, req):
        return self.check(self.spend(req), "read: X-Request-Token is not a live token",
                          lambda: Reply.json({"ok": True}, headers=self.next_token()))


if __name__ == "__main__":
    sys.exit(main(Rolling))
