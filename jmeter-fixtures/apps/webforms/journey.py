"""Sign in to the WebForms app and select an order, posting back each page's hidden state."""
import re

RECORDING = "aspnet-webforms.har"


def hidden(html):
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" id="[^"]*" value="([^"]*)"', html))


def journey(b):
    page = b.get("/Login.aspx")
    orders = b.post("/Login.aspx", form={**hidden(page.text), "txtUser": "demo", "txtPass": "demo-pass",
                                         "btnLogin": "Sign in"})  # 302 → /Orders.aspx, followed
    b.post("/Orders.aspx", form={**hidden(orders.text), "__EVENTTARGET": "gvOrders", "__EVENTARGUMENT": "Select$1"})
