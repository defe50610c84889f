#!/usr/bin/env python3
"""Fixture app: ASP.NET WebForms postbacks. Fresh __VIEWSTATE / __EVENTVALIDATION per page view.

GET  /Login.aspx   -> form with __VIEWSTATE (base64, has + / =), __VIEWSTATEGENERATOR (constant),
                      __EVENTVALIDATION, txtUser, txtPass, btnLogin; Set-Cookie ASP.NET_SessionId
POST /Login.aspx   -> 302 /Orders.aspx when __VIEWSTATE and __EVENTVALIDATION are the ones this
                      process issued for Login.aspx
GET  /Orders.aspx  -> grid page with its own __VIEWSTATE and __EVENTVALIDATION
POST /Orders.aspx  (__EVENTTARGET=gvOrders, __EVENTARGUMENT=Select$1, the page's state fields)
                   -> 200 order detail when the state fields are the ones issued for Orders.aspx
"""
import base64
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402

GENERATOR = {"Login.aspx": "C2EE9ABB", "Orders.aspx": "1F4D2B87"}


class WebForms(App):
    def __init__(self):
        super().__init__()
        self.issued = {}  # viewstate -> (page, eventvalidation)

    def form(self, page, inner):
        # ASP.NET's own prefixes: a view state always reads `/wEP…`, event validation `/wEd…`.
        viewstate = base64.b64encode(b"\xff\x01\x0f\x0f" + os.urandom(40) + page.encode()).decode()
        validation = base64.b64encode(b"\xff\x01\x1d" + os.urandom(24)).decode()
        with self.lock:
            self.issued[viewstate] = (page, validation)
        return (f'<form method="post" action="./{page}" id="form1">'
                f'<div class="aspNetHidden">'
                f'<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />'
                f'<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />'
                f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate}" />'
                f'<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="{GENERATOR[page]}" />'
                f'<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="{validation}" />'
                f'</div>{inner}</form>')

    def valid(self, req, page):
        with self.lock:
            issued = self.issued.get(req.form.get("__VIEWSTATE", ""))
        return issued is not None and issued[0] == page and issued[1] == req.form.get("__EVENTVALIDATION")

    @route("GET", r"/Login\.aspx")
    def login_page(self, req):
        cookie = [] if "ASP.NET_SessionId" in req.cookies else \
            [("Set-Cookie", f"ASP.NET_SessionId={os.urandom(12).hex()}; path=/; HttpOnly")]
        return Reply.page("Sign in", self.form("Login.aspx",
                          '<input name="txtUser" type="text" id="txtUser" />'
                          '<input name="txtPass" type="password" id="txtPass" />'
                          '<input type="submit" name="btnLogin" value="Sign in" id="btnLogin" />'), headers=cookie)

    @route("POST", r"/Login\.aspx")
    def login(self, req):
        return self.check(self.valid(req, "Login.aspx"), "login postback: state fields not issued for Login.aspx",
                          Reply.redirect("/Orders.aspx"))

    @route("GET", r"/Orders\.aspx")
    def orders(self, req):
        rows = "".join(f"<tr><td><a href=\"javascript:__doPostBack('gvOrders','Select${i}')\">Select</a></td>"
                       f"<td>SO-{1000 + i}</td></tr>" for i in range(3))
        return Reply.page("Orders", self.form("Orders.aspx", f'<table id="gvOrders">{rows}</table>'))

    @route("POST", r"/Orders\.aspx")
    def select(self, req):
        ok = self.valid(req, "Orders.aspx") and req.form.get("__EVENTTARGET") == "gvOrders"
        return self.check(ok, "orders postback: state fields not issued for Orders.aspx",
                          lambda: Reply.page("Order detail", f"<p>{req.form.get('__EVENTARGUMENT')}</p>"))


if __name__ == "__main__":
    sys.exit(main(WebForms))
