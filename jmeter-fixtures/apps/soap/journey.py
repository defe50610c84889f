"""Log in to the SOAP service, list the customer's orders, cancel the first one."""
import re

RECORDING = "soap-service.har"

ENVELOPE = ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="urn:magpie:fixture:orders">\n'
            '{header}  <soap:Body>\n    {body}\n  </soap:Body>\n</soap:Envelope>\n')


def call(b, service, action, body, token=None):
    header = (f"  <soap:Header><m:Auth><m:SessionToken>{token}</m:SessionToken></m:Auth></soap:Header>\n"
              if token else "")
    return b.post(f"/ws/{service}", raw=ENVELOPE.format(header=header, body=body).encode(),
                  headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"urn:magpie:fixture:orders/{action}"'})


def journey(b):
    r = call(b, "AuthService", "Login", "<m:Login><m:Username>demo</m:Username><m:Password>demo-pass</m:Password></m:Login>")
    token = re.search(r"<m:SessionToken>([^<]+)<", r.text).group(1)
    customer = re.search(r"<m:CustomerRef>([^<]+)<", r.text).group(1)
    r = call(b, "OrderService", "ListOrders", f"<m:ListOrders><m:CustomerRef>{customer}</m:CustomerRef></m:ListOrders>", token)
    order = re.search(r'<m:Order id="([^"]+)"', r.text).group(1)
    call(b, "OrderService", "CancelOrder",
         f"<m:CancelOrder><m:OrderId>{order}</m:OrderId><m:Reason>changed my mind</m:Reason></m:CancelOrder>", token)
