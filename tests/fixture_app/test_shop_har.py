"""The bundled recording jmeter-fixtures/har/shop.har: a real browser HAR 1.2 with full response
bodies, in which every dynamic value of the shop appears where dynamic-values.json says."""
import base64
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import REPO

HAR = REPO / "jmeter-fixtures" / "har" / "shop.har"


@pytest.fixture(scope="module")
def entries():
    log = json.loads(HAR.read_text(encoding="utf-8"))["log"]
    assert log["version"] == "1.2"
    assert log["creator"]["name"] == "Playwright"  # recorded by Chromium via playwright-core
    return log["entries"]


def find(entries, method, path_prefix):
    hits = [e for e in entries if e["request"]["method"] == method
            and urlsplit(e["request"]["url"]).path.startswith(path_prefix)]
    assert len(hits) == 1, f"{method} {path_prefix}: {len(hits)} entries"
    return hits[0]


def header(msg, name):
    values = [h["value"] for h in msg["headers"] if h["name"].lower() == name.lower()]
    return values[0] if values else None


def body(entry):
    c = entry["response"]["content"]
    text = c.get("text") or ""
    return base64.b64decode(text).decode("latin-1") if c.get("encoding") == "base64" else text


def test_every_response_has_its_body(entries):
    assert len(entries) >= 20
    for e in entries:
        status = e["response"]["status"]
        assert status in (200, 201, 303), (e["request"]["url"], status)
        if status < 300:
            assert body(e), f'{e["request"]["method"]} {e["request"]["url"]} has no response body'


def test_static_resources_and_pages_are_recorded(entries):
    paths = [urlsplit(e["request"]["url"]).path for e in entries]
    assert {"/static/shop.css", "/static/shop.js", "/static/logo.png"} <= set(paths)
    documents = [p for e, p in zip(entries, paths)
                 if e["request"]["method"] == "GET" and e["response"]["content"]["mimeType"].startswith("text/html")]
    assert documents[:2] == ["/", "/login"] and len(set(documents)) >= 5, documents
    assert not any(p.startswith("/__fixture") for p in paths)


def test_dynamic_values_appear_where_the_ground_truth_says(entries):
    login_page = find(entries, "GET", "/login")
    login_post = find(entries, "POST", "/login")
    exchange = find(entries, "POST", "/api/session/exchange")
    cart = find(entries, "POST", "/api/cart/")  # the only POST under /api/cart/... is items
    create = [e for e in entries if e["request"]["method"] == "POST" and urlsplit(e["request"]["url"]).path == "/api/cart"][0]
    checkout = find(entries, "GET", "/checkout")
    confirm = find(entries, "POST", "/checkout/confirm")

    # a) SID: Set-Cookie on GET /login, then the Cookie header of later requests.
    sid = re.match(r"SID=([^;]+)", header(login_page["response"], "Set-Cookie")).group(1)
    assert sid in header(exchange["request"], "Cookie")

    # b) CSRF token: meta and hidden field of /login, form body of POST /login, X-CSRF-Token header.
    page = body(login_page)
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    hidden = re.search(r'<input type="hidden" name="csrf_token" value="([^"]+)"', page).group(1)
    assert meta == hidden
    assert parse_qs(login_post["request"]["postData"]["text"])["csrf_token"] == [meta]
    assert header(exchange["request"], "X-CSRF-Token") == meta
    assert parse_qs(confirm["request"]["postData"]["text"])["csrf_token"] == [meta]

    # e) code: 303 Location of POST /login, followed, then JSON body of the exchange (not a redirect).
    location = header(login_post["response"], "Location")
    code = parse_qs(urlsplit(location).query)["code"][0]
    assert login_post["response"]["status"] == 303
    assert find(entries, "GET", "/callback")["request"]["url"].endswith(location)
    assert json.loads(exchange["request"]["postData"]["text"]) == {"code": code}
    assert code not in body(find(entries, "GET", "/callback"))  # the page JS reads it from the URL

    # c) X-Auth-Token: response header of the exchange, request header of the cart calls.
    auth = header(exchange["response"], "X-Auth-Token")
    assert auth and auth not in body(exchange)
    assert header(create["request"], "X-Auth-Token") == auth == header(cart["request"], "X-Auth-Token")

    # d) cart id: JSON body of POST /api/cart → path, JSON body, query, form field.
    cart_id = json.loads(body(create))["cart"]["id"]
    assert urlsplit(cart["request"]["url"]).path == f"/api/cart/{cart_id}/items"
    assert json.loads(cart["request"]["postData"]["text"])["cart_id"] == cart_id
    assert parse_qs(urlsplit(checkout["request"]["url"]).query)["cart"] == [cart_id]
    assert parse_qs(confirm["request"]["postData"]["text"])["cart_id"] == [cart_id]

    # order id: 303 Location of the confirmation, followed.
    order = header(confirm["response"], "Location")
    assert re.fullmatch(r"/orders/o-[0-9a-f]+", order)
    assert find(entries, "GET", "/orders/")["request"]["url"].endswith(order)
