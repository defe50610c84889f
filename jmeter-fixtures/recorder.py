#!/usr/bin/env python3
"""Records a fixture app's journey as a HAR 1.2 file, the way a browser's export looks.

    python3 jmeter-fixtures/recorder.py APP [APP ...]      # → jmeter-fixtures/har/<recording>.har

Each app directory (jmeter-fixtures/apps/<app>/) has a server.py (fresh secrets per process) and
a journey.py with `RECORDING` (the HAR's file name) and `journey(browser)`, which drives the app
like a user in a browser would: it reads the values it needs from the pages and JSON it gets,
never from the server's state. The recorder starts a fresh instance on a free loopback port,
runs the journey and writes the HAR atomically.

The Browser keeps cookies, records every redirect hop as its own entry and follows it with GET
(303, and 301/302 after POST) or the same method (307/308), as browsers do."""
import base64
import http.client
import importlib.util
import json
import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

FIXTURES = Path(__file__).resolve().parent
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) magpie-fixture-recorder"


class Response:
    def __init__(self, status, reason, headers, body):
        self.status, self.reason, self.headers, self.body = status, reason, headers, body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def json(self):
        return json.loads(self.text)


class Browser:
    def __init__(self, base_url):
        self.base = base_url.rstrip("/")
        self.cookies = {}
        self.entries = []

    # --- the journey's API -------------------------------------------------------------------
    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, form=None, json_body=None, raw=None, headers=None):
        headers = dict(headers or {})
        if form is not None:
            raw = urlencode(form).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif json_body is not None:
            raw = json.dumps(json_body, separators=(",", ":")).encode()
            headers.setdefault("Content-Type", "application/json")
        return self.request("POST", path, headers=headers, body=raw)

    def request(self, method, path, headers=None, body=None):
        url = urljoin(self.base + "/", path)
        for _ in range(10):  # bounded redirect chain
            resp = self._one(method, url, dict(headers or {}), body)
            location = resp.header("Location")
            if resp.status not in (301, 302, 303, 307, 308) or not location:
                return resp
            url = urljoin(url, location)
            if resp.status == 303 or (resp.status in (301, 302) and method == "POST"):
                method, body, headers = "GET", None, {}
        raise RuntimeError(f"redirect loop at {url}")

    # --- recording ---------------------------------------------------------------------------
    def _one(self, method, url, headers, body):
        parts = urlsplit(url)
        target = parts.path + ("?" + parts.query if parts.query else "")
        headers = {"User-Agent": USER_AGENT, "Accept": "*/*", **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = datetime.now(timezone.utc)
        t0 = time.monotonic()
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        try:
            conn.request(method, target, body=body, headers=headers)
            r = conn.getresponse()
            resp = Response(r.status, r.reason, r.getheaders(), r.read())
        finally:
            conn.close()
        elapsed = int((time.monotonic() - t0) * 1000)
        set_cookies = [v for k, v in resp.headers if k.lower() == "set-cookie"]
        for line in set_cookies:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        self.entries.append(self._entry(method, url, headers, body, resp, started, elapsed, set_cookies))
        time.sleep(0.05)  # a user's pause, so recorded think times are not all zero
        return resp

    def _entry(self, method, url, headers, body, resp, started, elapsed, set_cookies):
        request = {
            "method": method, "url": url, "httpVersion": "HTTP/1.1",
            "headers": [{"name": k, "value": v} for k, v in headers.items()],
            "queryString": [], "cookies": [], "headersSize": -1, "bodySize": len(body or b""),
        }
        if body is not None:
            request["postData"] = {"mimeType": headers.get("Content-Type", ""), "text": body.decode()}
        ctype = resp.header("Content-Type") or ""
        content = {"size": len(resp.body), "mimeType": ctype}
        if resp.body:
            try:
                content["text"] = resp.body.decode("utf-8")
            except UnicodeDecodeError:
                content["text"], content["encoding"] = base64.b64encode(resp.body).decode(), "base64"
        cookies = []
        for line in set_cookies:
            cookies += [{"name": n, "value": m.value} for n, m in SimpleCookie(line).items()]
        return {
            "startedDateTime": started.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "time": elapsed,
            "request": request,
            "response": {
                "status": resp.status, "statusText": resp.reason, "httpVersion": "HTTP/1.1",
                "headers": [{"name": k, "value": v} for k, v in resp.headers],
                "cookies": cookies, "content": content,
                "redirectURL": resp.header("Location") or "", "headersSize": -1, "bodySize": len(resp.body),
            },
            "cache": {}, "timings": {"send": 0, "wait": elapsed, "receive": 0},
        }

    def har(self):
        return {"log": {"version": "1.2", "creator": {"name": "magpie fixture recorder", "version": "2"},
                        "pages": [], "entries": self.entries}}


def load_journey(app):
    path = FIXTURES / "apps" / app / "journey.py"
    spec = importlib.util.spec_from_file_location(f"journey_{app}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def start(app, *args):
    proc = subprocess.Popen([sys.executable, str(FIXTURES / "apps" / app / "server.py"), "--port", "0", *args],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line.startswith("LISTENING "):
        proc.kill()
        raise SystemExit(f"{app}: server did not start ({line!r})")
    return proc, line.split()[1]


def record(app):
    module = load_journey(app)
    proc, url = start(app)
    try:
        browser = Browser(url)
        module.journey(browser)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    out = FIXTURES / "har" / module.RECORDING
    tmp = out.with_suffix(".har.tmp")
    tmp.write_text(json.dumps(browser.har(), indent=1) + "\n")
    os.replace(tmp, out)
    print(f"{app}: {len(browser.entries)} entries → {out.relative_to(FIXTURES.parent)}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    for name in sys.argv[1:]:
        record(name)
