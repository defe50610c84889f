"""The fixture shop accepts a correct journey and rejects stale, missing or reused values."""
import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser: a cookie jar, no automatic redirects."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, method, path, data=None, headers=None, json_body=None):
        headers = dict(headers or {})
        if json_body is not None:
            data = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        elif isinstance(data, dict):
            data = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(req, timeout=10) as r:
                return r.status, dict(r.headers), r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode()


def walk(shop, csrf_override=None, reuse_code=False):
    """The browser's journey; returns the statuses in order."""
    b = Browser(shop.url)
    statuses = []
    s, _, page = b.request("GET", "/login")
    statuses.append(s)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    assert csrf == meta
    csrf = csrf_override or csrf
    s, h, _ = b.request("POST", "/login", {"csrf_token": csrf, "username": "alice", "password": "pw"})
    statuses.append(s)
    if s != 303:
        return statuses
    location = h["Location"]
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]
    statuses.append(b.request("GET", location)[0])
    s, h, _ = b.request("POST", "/api/session/exchange", json_body={"code": code}, headers={"X-CSRF-Token": csrf})
    statuses.append(s)
    if reuse_code:
        statuses.append(b.request("POST", "/api/session/exchange", json_body={"code": code}, headers={"X-CSRF-Token": csrf})[0])
        return statuses
    auth = {"X-Auth-Token": h.get("X-Auth-Token", "")}
    statuses.append(b.request("GET", "/shop")[0])
    s, _, body = b.request("POST", "/api/cart", json_body={"currency": "EUR"}, headers=auth)
    statuses.append(s)
    cart = json.loads(body)["cart"]["id"]
    statuses.append(b.request("POST", f"/api/cart/{cart}/items", json_body={"cart_id": cart, "sku": "tea-sencha", "qty": 1}, headers=auth)[0])
    statuses.append(b.request("GET", f"/checkout?cart={cart}")[0])
    s, h, _ = b.request("POST", "/checkout/confirm", {"csrf_token": csrf, "cart_id": cart})
    statuses.append(s)
    statuses.append(b.request("GET", h["Location"])[0])
    return statuses


def test_correct_journey_is_accepted(shop):
    assert walk(shop) == [200, 303, 200, 200, 200, 201, 200, 200, 303, 200]
    v = shop.verdicts()
    assert v["rejected"] == 0 and v["accepted"] == v["requests"] == 10
    kinds = set(v["by_check"])
    assert {"session_cookie", "csrf_form", "csrf_header", "redirect_code", "redirect_code_reuse",
            "auth_header", "json_id_path", "json_id_body", "order_id_path"} <= kinds


def test_token_from_another_instance_is_rejected(shop):
    from conftest import ShopServer
    other = ShopServer()
    try:
        b = Browser(other.url)
        stale = re.search(r'name="csrf_token" value="([^"]+)"', b.request("GET", "/login")[2]).group(1)
    finally:
        other.stop()
    assert walk(shop, csrf_override=stale) == [200, 403]
    v = shop.verdicts()
    assert v["rejected"] == 1
    failed = [c for c in v["checks"] if not c["ok"]]
    assert [c["check"] for c in failed] == ["csrf_form"]


def test_one_time_code_cannot_be_reused(shop):
    assert walk(shop, reuse_code=True)[-1] == 403
    assert shop.verdicts()["by_check"]["redirect_code_reuse"] == {"ok": 1, "failed": 1}


def test_missing_session_cookie_is_rejected(shop):
    b = Browser(shop.url)
    assert b.request("GET", "/shop")[0] == 403
    assert shop.verdicts()["by_check"]["session_cookie"]["failed"] == 1


def login_session(shop):
    """A signed-in browser on `shop`: (browser, csrf, auth token, cart id)."""
    b = Browser(shop.url)
    page = b.request("GET", "/login")[2]
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    _, h, _ = b.request("POST", "/login", {"csrf_token": csrf, "username": "bob", "password": "pw"})
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(h["Location"]).query)["code"][0]
    b.request("GET", h["Location"])
    _, h, _ = b.request("POST", "/api/session/exchange", json_body={"code": code}, headers={"X-CSRF-Token": csrf})
    auth = h["X-Auth-Token"]
    _, _, body = b.request("POST", "/api/cart", json_body={"currency": "EUR"}, headers={"X-Auth-Token": auth})
    return b, csrf, auth, json.loads(body)["cart"]["id"]


def test_values_from_another_instance_are_rejected(shop):
    """Cookie, auth token and cart id recorded on instance A mean nothing to instance B."""
    from conftest import ShopServer
    other = ShopServer()
    try:
        a, _, stale_auth, stale_cart = login_session(other)
        stale_sid = next(c.value for c in a.jar if c.name == "SID")
    finally:
        other.stop()
    b, _, auth, cart = login_session(shop)
    before = shop.verdicts()["rejected"]
    assert Browser(shop.url).request("GET", "/shop", headers={"Cookie": f"SID={stale_sid}"})[0] == 403
    assert b.request("POST", "/api/cart", json_body={}, headers={"X-Auth-Token": stale_auth})[0] == 403
    body = {"cart_id": stale_cart, "sku": "tea-sencha", "qty": 1}
    assert b.request("POST", f"/api/cart/{stale_cart}/items", json_body=body, headers={"X-Auth-Token": auth})[0] == 403
    assert b.request("GET", f"/checkout?cart={stale_cart}")[0] == 403
    v = shop.verdicts()
    assert v["rejected"] == before + 4
    failed = {c["check"] for c in v["checks"] if not c["ok"]}
    assert {"session_cookie", "auth_header", "json_id_path", "json_id_body", "json_id_query"} <= failed


def test_redirect_code_and_state_are_checked(shop):
    b = Browser(shop.url)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', b.request("GET", "/login")[2]).group(1)
    _, h, _ = b.request("POST", "/login", {"csrf_token": csrf, "username": "carol", "password": "pw"})
    assert h["Location"].startswith("/callback?code=")
    assert b.request("GET", "/callback?code=recorded&state=recorded")[0] == 403
    assert b.request("POST", "/api/session/exchange", json_body={"code": "recorded"},
                     headers={"X-CSRF-Token": csrf})[0] == 403
    failed = {c["check"] for c in shop.verdicts()["checks"] if not c["ok"]}
    assert {"redirect_code", "redirect_state", "redirect_code_reuse"} <= failed


def test_csrf_header_is_checked(shop):
    b = Browser(shop.url)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', b.request("GET", "/login")[2]).group(1)
    _, h, _ = b.request("POST", "/login", {"csrf_token": csrf, "username": "dave", "password": "pw"})
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(h["Location"]).query)["code"][0]
    assert b.request("POST", "/api/session/exchange", json_body={"code": code})[0] == 403
    assert shop.verdicts()["by_check"]["csrf_header"] == {"ok": 0, "failed": 1}


def test_concurrent_sessions_are_independent(shop):
    """Several users at once (JMeter threads): every journey accepted, every value distinct."""
    import threading
    results, errors = [], []

    def user():
        try:
            results.append(walk(shop))
        except Exception as e:  # surfaced below
            errors.append(e)

    threads = [threading.Thread(target=user) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors and len(results) == 6
    assert all(r == [200, 303, 200, 200, 200, 201, 200, 200, 303, 200] for r in results)
    v = shop.verdicts()
    assert v["rejected"] == 0 and v["requests"] == 60


def test_every_check_has_a_kind_and_fixture_endpoints_are_not_journey(shop):
    walk(shop)
    Browser(shop.url).request("GET", "/__fixture/health")
    v = shop.verdicts()
    assert v["requests"] == 10  # neither /__fixture/* nor static files are counted
    assert set(v["by_kind"]) == {"a_session_cookie", "b_csrf", "c_response_header_token", "d_json_id",
                                 "e_redirect_value", "journey"}
    assert all(c["kind"] for c in v["checks"])


def test_verdicts_cli_exit_codes(shop):
    import subprocess
    import sys
    from conftest import REPO
    cli = [sys.executable, str(REPO / "jmeter-fixtures" / "apps" / "shop" / "verdicts.py"), shop.url]
    assert subprocess.run(cli, capture_output=True, timeout=30).returncode == 1  # nothing yet
    walk(shop)
    ok = subprocess.run(cli, capture_output=True, text=True, timeout=30)
    assert ok.returncode == 0 and "10/10 journey requests accepted" in ok.stdout and "d_json_id" in ok.stdout
    Browser(shop.url).request("GET", "/shop")  # no session
    bad = subprocess.run(cli, capture_output=True, text=True, timeout=30)
    assert bad.returncode == 1 and "session_cookie" in bad.stdout
