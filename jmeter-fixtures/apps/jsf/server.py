#!/usr/bin/env python3
"""Fixture app: JavaServer Faces. javax.faces.ViewState per view, URL rewriting with
;jsessionid=, and an AJAX partial response (XML) that carries the next ViewState in CDATA.
Fresh values per process.

GET  /app/login.xhtml  -> form action="/app/login.xhtml;jsessionid=S", hidden
                          javax.faces.ViewState = "<n>:<m>" (JSF's server-side state key)
POST /app/login.xhtml;jsessionid=S (loginForm, loginForm:username, loginForm:password,
                          loginForm:submit, javax.faces.ViewState) -> 302 /app/home.xhtml
GET  /app/home.xhtml   -> page with its own ViewState
POST /app/home.xhtml   (javax.faces.partial.ajax=true, javax.faces.source=searchForm:go,
                          searchForm:q, javax.faces.ViewState) -> partial-response XML with
                          <update id="j_id1:javax.faces.ViewState:0"><![CDATA[<next state>]]></update>
POST /app/home.xhtml   (searchForm:results:0:open, javax.faces.ViewState = the one from the
                          partial response) -> the detail page
A ViewState is good for the view it was issued for; the session must match the jsessionid.
"""
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402


class Jsf(App):
    def __init__(self):
        super().__init__()
        self.states = {}  # view state -> view
        self.sessions = set()

    def state(self, view):
        value = f"{secrets.randbits(62) - 2**61}:{secrets.randbits(62) - 2**61}"
        with self.lock:
            self.states[value] = view
        return value

    def state_ok(self, req, view):
        return self.states.get(req.form.get("javax.faces.ViewState")) == view

    @route("GET", r"/app/login\.xhtml")
    def login_page(self, req):
        session = secrets.token_hex(16).upper()
        with self.lock:
            self.sessions.add(session)
        return Reply.page("Sign in", f'<form id="loginForm" name="loginForm" method="post" action="/app/login.xhtml;jsessionid={session}">'
                          '<input type="hidden" name="loginForm" value="loginForm" />'
                          '<input id="loginForm:username" type="text" name="loginForm:username" />'
                          '<input id="loginForm:password" type="password" name="loginForm:password" />'
                          '<input type="submit" name="loginForm:submit" value="Sign in" />'
                          f'<input type="hidden" name="javax.faces.ViewState" id="j_id1:javax.faces.ViewState:0" value="{self.state("login")}" autocomplete="off" />'
                          '</form>', headers=[("Set-Cookie", f"JSESSIONID={session}; Path=/app; HttpOnly")])

    @route("POST", r"/app/login\.xhtml;jsessionid=(\w+)")
    def login(self, req):
        ok = req.groups[0] in self.sessions and self.state_ok(req, "login")
        return self.check(ok, "login: ViewState or jsessionid not issued", Reply.redirect("/app/home.xhtml"))

    @route("GET", r"/app/home\.xhtml")
    def home(self, req):
        return Reply.page("Home", '<form id="searchForm" method="post" action="/app/home.xhtml">'
                          '<input type="hidden" name="searchForm" value="searchForm" />'
                          '<input id="searchForm:q" name="searchForm:q" />'
                          f'<input type="hidden" name="javax.faces.ViewState" id="j_id1:javax.faces.ViewState:0" value="{self.state("home")}" autocomplete="off" />'
                          '</form>')

    @route("POST", r"/app/home\.xhtml")
    def home_post(self, req):
        if req.form.get("javax.faces.partial.ajax") == "true":
            ok = self.state_ok(req, "home")
            return self.check(ok, "search: ViewState not issued for home", lambda: Reply(
                200, '<?xml version="1.0" encoding="UTF-8"?>\n<partial-response id="j_id1"><changes>'
                     '<update id="searchForm:results"><![CDATA[<table id="searchForm:results"><tr><td>'
                     '<a id="searchForm:results:0:open" href="#">Order 7</a></td></tr></table>]]></update>'
                     f'<update id="j_id1:javax.faces.ViewState:0"><![CDATA[{self.state("results")}]]></update>'
                     '</changes></partial-response>', "text/xml;charset=UTF-8"))
        ok = self.state_ok(req, "results")
        return self.check(ok, "open: ViewState not the one from the partial response",
                          lambda: Reply.page("Order 7", "<p>Details</p>"))


if __name__ == "__main__":
    sys.exit(main(Jsf))
