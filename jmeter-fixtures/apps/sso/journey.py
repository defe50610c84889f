"""Sign in through the SAML auto-post form, open the CRM, log out with the SessionIndex the page
reads out of the (base64) assertion."""
import base64
import re

RECORDING = "saml-sso.har"


def journey(b):
    page = b.get("/sso/login?app=crm").text
    saml = re.search(r'name="SAMLResponse" value="([^"]+)"', page).group(1)
    relay = re.search(r'name="RelayState" value="([^"]+)"', page).group(1)
    b.post("/sso/acs", form={"SAMLResponse": saml, "RelayState": relay})
    session_index = re.search(r'SessionIndex="([^"]+)"', base64.b64decode(saml).decode()).group(1)
    b.post("/crm/api/logout", json_body={"sessionIndex": session_index})
