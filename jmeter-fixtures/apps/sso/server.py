#!/usr/bin/env python3
"""Fixture app: SAML-style single sign-on with an auto-posting form. Fresh values per process.

GET  /sso/login?app=crm -> HTML form (auto-submitted by script) with hidden SAMLResponse =
                           base64(XML assertion with ID, SessionIndex and the user) and RelayState
POST /sso/acs           (SAMLResponse, RelayState) -> 302 /crm/home when both were issued together
GET  /crm/home          -> page
POST /crm/api/logout    JSON {"sessionIndex": the SessionIndex from inside the assertion — the
                           page's script decodes the SAMLResponse and reads it} -> 200 when it is
                           a session this process issued
"""
import base64
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402


class Sso(App):
    def __init__(self):
        super().__init__()
        self.assertions = {}  # SAMLResponse -> RelayState
        self.sessions = set()

    @route("GET", r"/sso/login")
    def login(self, req):
        session_index = "_si" + secrets.token_hex(12)
        xml = (f'<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_{secrets.token_hex(16)}">'
               f'<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Subject>demo</saml:Subject>'
               f'<saml:AuthnStatement SessionIndex="{session_index}"/></saml:Assertion></samlp:Response>')
        saml = base64.b64encode(xml.encode()).decode()
        relay = "rs-" + secrets.token_hex(8)
        with self.lock:
            self.assertions[saml] = relay
            self.sessions.add(session_index)
        return Reply.page("Signing in…", f'<form method="post" action="/sso/acs" id="saml">'
                          f'<input type="hidden" name="SAMLResponse" value="{saml}"/>'
                          f'<input type="hidden" name="RelayState" value="{relay}"/></form>'
                          '<script>document.getElementById("saml").submit()</script>')

    @route("POST", r"/sso/acs")
    def acs(self, req):
        with self.lock:
            ok = self.assertions.get(req.form.get("SAMLResponse")) == req.form.get("RelayState")
        return self.check(ok, "acs: SAMLResponse/RelayState not issued together", Reply.redirect("/crm/home"))

    @route("GET", r"/crm/home")
    def home(self, req):
        return Reply.page("CRM", "<p>Welcome</p>")

    @route("POST", r"/crm/api/logout")
    def logout(self, req):
        with self.lock:
            ok = req.json.get("sessionIndex") in self.sessions
        return self.check(ok, "logout: unknown SessionIndex", Reply.json({"status": "signed out"}))


if __name__ == "__main__":
    sys.exit(main(Sso))
