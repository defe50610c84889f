#!/usr/bin/env python3
"""Magpie fixture shop: a small web shop whose every step needs a dynamic value issued by an
earlier response, and which checks each one itself.

Every process issues fresh secrets, so a recording made against one instance replays against
another only if its dynamic values were correlated. Python standard library only.

    python3 server.py [--port 0] [--host 127.0.0.1]

prints `LISTENING http://127.0.0.1:<port>` once it accepts connections. `GET /__fixture/verdicts`
returns the server's verdict on every journey request (see README.md beside this file).
"""
import argparse
import html
import json
import secrets
import sys
import threading
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from loopback import serve  # noqa: E402  (the apps' shared serving code)

STATIC = {
    "/static/shop.css": ("text/css", b"body{font-family:sans-serif;margin:2em}.product{margin:.5em 0}\n"),
    "/static/shop.js": (
        "application/javascript",
        b"// Reads the CSRF token the page carries in its meta tag.\n"
        b"function csrfToken(){return document.querySelector('meta[name=\"csrf-token\"]').content;}\n",
    ),
    # A 1x1 transparent PNG.
    "/static/logo.png": (
        "image/png",
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
        ),
    ),
}
STATIC["/favicon.ico"] = ("image/png", STATIC["/static/logo.png"][1])

# Which kind of dynamic value each check is about (ground truth: dynamic-values.json).
KINDS = {
    "session_cookie": "a_session_cookie",        # SID cookie issued by Set-Cookie
    "csrf_form": "b_csrf",                       # CSRF token from meta/hidden input, sent in a form
    "csrf_header": "b_csrf",                     # ... and in the X-CSRF-Token request header
    "auth_header": "c_response_header_token",    # X-Auth-Token response header, sent back as a header
    "json_id_path": "d_json_id",                 # cart id from a JSON body, in a URL path
    "json_id_body": "d_json_id",                 # ... in a JSON request body
    "json_id_query": "d_json_id",                # ... in a query string
    "json_id_form": "d_json_id",                 # ... in a form field
    "redirect_code": "e_redirect_value",         # code/state from a redirect Location (the hop itself)
    "redirect_state": "e_redirect_value",
    "redirect_code_reuse": "e_redirect_value",   # the code again, later, in a JSON body (single use)
    "order_id_path": "e_redirect_value",         # order id from a redirect Location path
}

PRODUCTS = [("tea-earl-grey", "Earl Grey"), ("tea-sencha", "Sencha"), ("tea-rooibos", "Rooibos")]


class Session:
    def __init__(self):
        self.csrf = secrets.token_urlsafe(24)
        self.state = None
        self.code = None
        self.code_used = False
        self.auth = None
        self.user = None
        self.carts = {}  # cart id -> list of items
        self.orders = set()


class Shop:
    """All state of one server instance."""

    def __init__(self, soft_failures=False):
        self.lock = threading.Lock()
        self.sessions = {}
        self.requests = []  # verdict records, in arrival order
        # Answer a bad value the way many real apps do, with a response that looks successful.
        self.soft_failures = soft_failures

    def new_session(self):
        sid = secrets.token_urlsafe(18)
        with self.lock:
            self.sessions[sid] = Session()
        return sid, self.sessions[sid]

    def record(self, method, path, checks):
        with self.lock:
            self.requests.append({"method": method, "path": path, "checks": checks})

    def verdicts(self):
        with self.lock:
            reqs = list(self.requests)
        accepted = sum(1 for r in reqs if all(c["ok"] for c in r["checks"]))
        checks = [dict(c, method=r["method"], path=r["path"]) for r in reqs for c in r["checks"]]
        by_check, by_kind = {}, {}
        for c in checks:
            for table, key in ((by_check, c["check"]), (by_kind, c["kind"])):
                k = table.setdefault(key, {"ok": 0, "failed": 0})
                k["ok" if c["ok"] else "failed"] += 1
        return {
            "requests": len(reqs),
            "accepted": accepted,
            "rejected": len(reqs) - accepted,
            "by_kind": by_kind,
            "by_check": by_check,
            "checks": checks,
        }


def page(title, body, csrf=None, script=""):
    meta = f'<meta name="csrf-token" content="{html.escape(csrf)}">' if csrf else ""
    return (
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title>{meta}"
        '<link rel="stylesheet" href="/static/shop.css"><link rel="icon" href="/favicon.ico">'
        '<script src="/static/shop.js"></script></head>\n'
        f'<body><img src="/static/logo.png" alt="logo"><h1>{html.escape(title)}</h1>\n{body}\n'
        f"<script>{script}</script></body></html>\n"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    server_version = "MagpieShop/1.0"
    protocol_version = "HTTP/1.1"

    # --- plumbing -------------------------------------------------------------------------
    def log_message(self, fmt, *args):  # quiet: the verdicts are the log
        pass

    @property
    def shop(self):
        return self.server.shop

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, status, obj, headers=()):
        self.send(status, json.dumps(obj).encode(), "application/json", headers)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def session(self):
        cookie = SimpleCookie(self.headers.get("Cookie", ""))
        sid = cookie["SID"].value if "SID" in cookie else None
        with self.shop.lock:
            return sid, self.shop.sessions.get(sid)

    def finish_checks(self, path, checks, ok_status, ok_send):
        """Records the verdict; answers 403 naming the failed checks (with --soft-failures: a
        redirect to the login page for a lost session, a 200 JSON error for the API, a 200 error
        page otherwise), or calls ok_send()."""
        self.shop.record(self.command, path, checks)
        failed = [c for c in checks if not c["ok"]]
        if not failed:
            ok_send()
            return
        detail = "; ".join(f'{c["check"]}: {c["detail"]}' for c in failed)
        if not self.shop.soft_failures:
            self.send(403, page("Forbidden", f"<p>{html.escape(detail)}</p>"))
        elif any(c["check"] == "session_cookie" for c in failed):
            self.send(302, headers=[("Location", "/login?next=" + quote(path))])
        elif path.startswith("/api/"):
            self.send_json(200, {"status": "error", "message": detail})
        else:
            self.send(200, page("Something went wrong", f"<p>{html.escape(detail)}</p>"))

    @staticmethod
    def check(name, ok, detail):
        return {"check": name, "kind": KINDS.get(name, "journey"), "ok": bool(ok), "detail": "ok" if ok else detail}

    def session_check(self, sess):
        return self.check("session_cookie", sess is not None, "missing or unknown SID cookie")

    # --- routes ---------------------------------------------------------------------------
    def do_GET(self):
        url = urlsplit(self.path)
        path, query = url.path, parse_qs(url.query)
        if path in STATIC:
            ctype, data = STATIC[path]
            return self.send(200, data, ctype)
        if path == "/__fixture/health":
            return self.send_json(200, {"ok": True})
        if path == "/__fixture/verdicts":
            return self.send_json(200, self.shop.verdicts())
        if path == "/":
            body = '<p>Fine teas, freshly correlated.</p><p><a id="signin" href="/login">Sign in</a></p>'
            self.shop.record("GET", path, [])
            return self.send(200, page("Magpie Tea Shop", body))
        if path == "/login":
            sid, sess = self.shop.new_session()
            form = (
                '<form method="post" action="/login">'
                f'<input type="hidden" name="csrf_token" value="{html.escape(sess.csrf)}">'
                '<label>User <input name="username" id="username"></label> '
                '<label>Password <input name="password" id="password" type="password"></label> '
                '<button id="login" type="submit">Sign in</button></form>'
            )
            self.shop.record("GET", path, [])
            return self.send(200, page("Sign in", form, sess.csrf),
                             headers=[("Set-Cookie", f"SID={sid}; Path=/; HttpOnly; SameSite=Lax")])
        if path == "/callback":
            sid, sess = self.session()
            code = (query.get("code") or [""])[0]
            state = (query.get("state") or [""])[0]
            checks = [
                self.session_check(sess),
                self.check("redirect_code", sess is not None and code == sess.code, "code is not the one issued"),
                self.check("redirect_state", sess is not None and state == sess.state, "state is not the one issued"),
            ]
            # The page's script exchanges the one-time code for an API token.
            script = (
                "const code=new URLSearchParams(location.search).get('code');"
                "fetch('/api/session/exchange',{method:'POST',headers:{'Content-Type':'application/json',"
                "'X-CSRF-Token':csrfToken()},body:JSON.stringify({code:code})})"
                ".then(r=>{if(!r.ok)throw new Error(r.status);sessionStorage.setItem('auth',r.headers.get('X-Auth-Token'));"
                "return r.json()}).then(d=>{document.getElementById('status').textContent='Signed in as '+d.user+'.';"
                "document.getElementById('continue').hidden=false})"
                ".catch(e=>{document.body.insertAdjacentHTML('beforeend','<p id=error>'+e+'</p>')});"
            )
            return self.finish_checks(path, checks, 200, lambda: self.send(
                200, page("Signing you in", '<p id="status">One moment…</p>'
                '<p><a id="continue" href="/shop" hidden>Continue to the shop</a></p>', sess.csrf, script)))
        if path == "/shop":
            sid, sess = self.session()
            checks = [self.session_check(sess),
                      self.check("signed_in", sess is not None and sess.user is not None, "not signed in")]
            items = "".join(
                f'<div class="product">{html.escape(name)} '
                f'<button class="add" data-sku="{sku}" id="add-{sku}">Add to cart</button></div>'
                for sku, name in PRODUCTS
            )
            script = (
                "document.querySelectorAll('button.add').forEach(b=>b.addEventListener('click',async()=>{"
                "const auth=sessionStorage.getItem('auth');"
                "const h={'Content-Type':'application/json','X-Auth-Token':auth};"
                "let r=await fetch('/api/cart',{method:'POST',headers:h,body:JSON.stringify({currency:'EUR'})});"
                "const cart=(await r.json()).cart;"
                "r=await fetch('/api/cart/'+cart.id+'/items',{method:'POST',headers:h,"
                "body:JSON.stringify({cart_id:cart.id,sku:b.dataset.sku,qty:2})});"
                "if(!r.ok)throw new Error(r.status);const done=await r.json();"
                "document.getElementById('basket').textContent=done.cart.items.length+' item(s) in cart '+cart.id;"
                "const a=document.getElementById('checkout');a.href='/checkout?cart='+encodeURIComponent(cart.id);a.hidden=false;"
                "}));"
            )
            return self.finish_checks(path, checks, 200, lambda: self.send(
                200, page("Catalogue", items + '<p id="basket">Your cart is empty.</p>'
                          '<p><a id="checkout" href="#" hidden>Checkout</a></p>', sess.csrf, script)))
        if path == "/checkout":
            sid, sess = self.session()
            cart = (query.get("cart") or [""])[0]
            checks = [self.session_check(sess),
                      self.check("json_id_query", sess is not None and cart in sess.carts, "unknown cart id")]
            form = (
                '<form method="post" action="/checkout/confirm">'
                f'<input type="hidden" name="csrf_token" value="{html.escape(sess.csrf) if sess else ""}">'
                f'<input type="hidden" name="cart_id" value="{html.escape(cart)}">'
                '<button id="confirm" type="submit">Place order</button></form>'
            )
            return self.finish_checks(path, checks, 200, lambda: self.send(
                200, page("Checkout", form, sess.csrf)))
        if path.startswith("/orders/"):
            sid, sess = self.session()
            order = path[len("/orders/"):]
            checks = [self.session_check(sess),
                      self.check("order_id_path", sess is not None and order in sess.orders, "unknown order id")]
            return self.finish_checks(path, checks, 200, lambda: self.send(
                200, page("Order confirmed", f'<p id="order">Order {html.escape(order)} is on its way.</p>')))
        self.send(404, page("Not found", "<p>No such page.</p>"))

    def do_POST(self):
        url = urlsplit(self.path)
        path = url.path
        raw = self.body()
        sid, sess = self.session()
        if path == "/login":
            form = parse_qs(raw.decode("utf-8", "replace"))
            token = (form.get("csrf_token") or [""])[0]
            user = (form.get("username") or [""])[0]
            checks = [self.session_check(sess),
                      self.check("csrf_form", sess is not None and token == sess.csrf, "csrf_token does not match the session"),
                      self.check("credentials", bool(user), "empty username")]

            def ok():
                sess.user = user
                sess.code = secrets.token_urlsafe(16)
                sess.state = secrets.token_hex(8)
                sess.code_used = False
                self.send(303, b"", headers=[("Location", f"/callback?code={sess.code}&state={sess.state}")])

            return self.finish_checks(path, checks, 303, ok)
        if path == "/api/session/exchange":
            try:
                code = json.loads(raw or b"{}").get("code", "")
            except ValueError:
                code = ""
            checks = [self.session_check(sess),
                      self.check("csrf_header", sess is not None and self.headers.get("X-CSRF-Token") == sess.csrf,
                                 "X-CSRF-Token header does not match the session"),
                      self.check("redirect_code_reuse", sess is not None and code == sess.code and not sess.code_used,
                                 "code is not the one issued by the login redirect, or already used")]

            def ok():
                sess.code_used = True
                sess.auth = secrets.token_urlsafe(24)
                self.send_json(200, {"user": sess.user, "status": "signed-in"}, headers=[("X-Auth-Token", sess.auth)])

            return self.finish_checks(path, checks, 200, ok)
        if path == "/api/cart":
            checks = [self.session_check(sess), self.auth_check(sess)]

            def ok():
                cart = "c-" + secrets.token_hex(6)
                sess.carts[cart] = []
                self.send_json(201, {"cart": {"id": cart, "items": [], "currency": "EUR"}})

            return self.finish_checks(path, checks, 201, ok)
        if path.startswith("/api/cart/") and path.endswith("/items"):
            cart = path[len("/api/cart/"):-len("/items")]
            try:
                doc = json.loads(raw or b"{}")
            except ValueError:
                doc = {}
            checks = [self.session_check(sess), self.auth_check(sess),
                      self.check("json_id_path", sess is not None and cart in sess.carts, "unknown cart id in the path"),
                      self.check("json_id_body", sess is not None and doc.get("cart_id") in sess.carts,
                                 "unknown cart_id in the JSON body")]

            def ok():
                sess.carts[cart].append({"sku": doc.get("sku"), "qty": doc.get("qty")})
                self.send_json(200, {"cart": {"id": cart, "items": sess.carts[cart]}})

            return self.finish_checks(path, checks, 200, ok)
        if path == "/checkout/confirm":
            form = parse_qs(raw.decode("utf-8", "replace"))
            token = (form.get("csrf_token") or [""])[0]
            cart = (form.get("cart_id") or [""])[0]
            checks = [self.session_check(sess),
                      self.check("csrf_form", sess is not None and token == sess.csrf, "csrf_token does not match the session"),
                      self.check("json_id_form", sess is not None and cart in sess.carts, "unknown cart_id")]

            def ok():
                order = "o-" + secrets.token_hex(5)
                sess.orders.add(order)
                self.send(303, b"", headers=[("Location", f"/orders/{order}")])

            return self.finish_checks(path, checks, 303, ok)
        self.send(404, page("Not found", "<p>No such endpoint.</p>"))

    def auth_check(self, sess):
        return self.check("auth_header", sess is not None and sess.auth is not None
                          and self.headers.get("X-Auth-Token") == sess.auth,
                          "X-Auth-Token header is not the token issued at sign-in")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--soft-failures", action="store_true",
                    help="answer bad values with responses that look successful (200 error page, "
                         "200 JSON error, redirect to /login) instead of 403")
    args = ap.parse_args(argv)
    return serve(Handler, lambda server: setattr(server, "shop", Shop(soft_failures=args.soft_failures)),
                 args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
