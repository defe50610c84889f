#!/usr/bin/env python3
"""Fixture app: a SOAP web service. The login response issues a session token and the customer's
reference as element text; every later call sends the token in a SOAP header and the reference in
its body; the order list gives each order's id in an attribute, and cancelling sends the id back.
Fresh tokens, references and order ids per process.

POST /ws/AuthService   Login(Username, Password)        -> LoginResponse(SessionToken, CustomerRef)
POST /ws/OrderService  [SessionToken] ListOrders(CustomerRef) -> <Order id="ORD-…"> ×2
POST /ws/OrderService  [SessionToken] CancelOrder(OrderId, Reason) -> CancelOrderResponse
"""
import secrets
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
NS = "urn:magpie:fixture:orders"


def envelope(body):
    return Reply(200, f'<?xml version="1.0" encoding="utf-8"?>\n'
                      f'<soap:Envelope xmlns:soap="{SOAP}" xmlns:m="{NS}">\n'
                      f'  <soap:Body>\n    {body}\n  </soap:Body>\n</soap:Envelope>\n',
                 "text/xml; charset=utf-8")


def fault(reason):
    return Reply(500, f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP}"><soap:Body>'
                      f'<soap:Fault><faultcode>soap:Client</faultcode><faultstring>{reason}</faultstring>'
                      f'</soap:Fault></soap:Body></soap:Envelope>', "text/xml; charset=utf-8")


def text_of(doc, local_name):
    """The text of the first element with this local name, whatever its namespace."""
    for el in doc.iter():
        if el.tag.rsplit("}", 1)[-1] == local_name:
            return (el.text or "").strip()
    return ""


class Soap(App):
    def __init__(self):
        super().__init__()
        self.sessions = {}   # token -> customer ref
        self.orders = {}     # order id -> customer ref

    def parse(self, req):
        try:
            return ET.fromstring(req.raw)
        except ET.ParseError:
            return None

    @route("POST", r"/ws/AuthService")
    def login(self, req):
        doc = self.parse(req)
        if doc is None or text_of(doc, "Username") != "demo" or text_of(doc, "Password") != "demo-pass":
            return fault("bad login")
        token = secrets.token_hex(20)
        customer = "CUS-" + secrets.token_hex(4).upper()
        with self.lock:
            self.sessions[token] = customer
        return envelope(f"<m:LoginResponse><m:SessionToken>{token}</m:SessionToken>"
                        f"<m:CustomerRef>{customer}</m:CustomerRef></m:LoginResponse>")

    @route("POST", r"/ws/OrderService")
    def orders_service(self, req):
        doc = self.parse(req)
        if doc is None:
            return fault("not XML")
        with self.lock:
            customer = self.sessions.get(text_of(doc, "SessionToken"))
        action = req.header("SOAPAction").strip('"')
        if action.endswith("ListOrders"):
            ok = customer is not None and text_of(doc, "CustomerRef") == customer
            if not self.verdict(ok, "ListOrders: unknown session token or another customer's reference"):
                return fault("not authorised")
            ids = ["ORD-" + secrets.token_hex(5).upper() for _ in range(2)]
            with self.lock:
                for i in ids:
                    self.orders[i] = customer
            rows = "".join(f'<m:Order id="{i}" status="open"><m:Total>{12.5 * (n + 1):.2f}</m:Total></m:Order>'
                           for n, i in enumerate(ids))
            return envelope(f"<m:ListOrdersResponse>{rows}</m:ListOrdersResponse>")
        if action.endswith("CancelOrder"):
            with self.lock:
                owner = self.orders.pop(text_of(doc, "OrderId"), None)
            ok = customer is not None and owner == customer
            if not self.verdict(ok, "CancelOrder: unknown session token or an order of another session"):
                return fault("not authorised")
            return envelope(f"<m:CancelOrderResponse><m:Confirmation>CNF-{secrets.token_hex(4)}"
                            f"</m:Confirmation></m:CancelOrderResponse>")
        return fault("unknown SOAPAction")


if __name__ == "__main__":
    sys.exit(main(Soap))
