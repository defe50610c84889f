#!/usr/bin/env python3
"""Fixture app: a single-page app whose shell page carries its state in inline scripts, JSON
encoded the way frameworks print it. Fresh values per process.

GET  /            -> HTML shell with
                     <script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":
                       {"csrf":"…","session":{"key":"…/…"}}}}</script>   (key has a slash: "\\/")
                     window.__APOLLO_STATE__ = {"ROOT_QUERY":{"viewer":{"cursor":"…"}}}
                       where the cursor's non-ASCII-safe characters are \\u-escaped (\\u002F, \\u002B)
POST /graphql     header X-CSRF-Token (pageProps.csrf), X-Session-Key (session.key),
                  JSON {"query", "variables": {"after": cursor}} -> {"data": {"orders": …}}
                  when all three are the ones this process issued
"""
import base64
import json
import os
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402


def js_escape(text):
    """JSON with '/' and '+' \\u-escaped, as serialisers that guard inline scripts emit."""
    return json.dumps(text).replace("/", "\\u002F").replace("+", "\\u002B")


class Spa(App):
    def __init__(self):
        super().__init__()
        self.issued = set()

    @route("GET", r"/")
    def shell(self, req):
        csrf = secrets.token_hex(20)
        key = base64.b64encode(os.urandom(18)).decode().replace("+", "/x")[:20] + "/" + secrets.token_hex(4)
        cursor = base64.b64encode(b"cursor:" + os.urandom(12)).decode()
        with self.lock:
            self.issued.add((csrf, key, cursor))
        data = json.dumps({"props": {"pageProps": {"csrf": csrf, "session": {"key": key}}}}).replace("/", "\\/")
        return Reply.page("Orders", f'<div id="__next"></div>'
                          f'<script id="__NEXT_DATA__" type="application/json">{data}</script>'
                          f'<script>window.__APOLLO_STATE__ = {{"ROOT_QUERY":{{"viewer":{{"cursor":{js_escape(cursor)}}}}}}};</script>')

    @route("POST", r"/graphql")
    def graphql(self, req):
        triple = (req.header("X-CSRF-Token"), req.header("X-Session-Key"), req.json.get("variables", {}).get("after"))
        with self.lock:
            ok = triple in self.issued
        return self.check(ok, "graphql: csrf, session key or cursor not issued together", lambda: Reply.json(
            {"data": {"orders": {"edges": [{"node": {"number": "SO-1001"}}]}}}))


if __name__ == "__main__":
    sys.exit(main(Spa))
