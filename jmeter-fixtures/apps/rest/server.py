#!/usr/bin/env python3
"""Fixture app: a REST shop API with server ids in paths and nested JSON, a client-made
idempotency key and a cache buster. Fresh ids per process.

POST /api/v2/carts                      -> 201 {"cart": {"id": "crt-…", "items": []}}
POST /api/v2/carts/<cart>/items         {"sku", "qty"} -> 201 {"item": {"lineId": "ln-…", …}}
PUT  /api/v2/carts/<cart>/items/<line>  {"qty": 3}     -> 200 when both ids were issued together
POST /api/v2/orders                     header Idempotency-Key (a UUID never seen before),
                                        {"order": {"cart": {"id": cart}}} -> 201, Location: /api/v2/orders/<ord>
GET  /api/v2/orders/<ord>?_=<epoch ms>  -> {"order": {"id", "status"}}
"""
import secrets
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402


class Rest(App):
    def __init__(self):
        super().__init__()
        self.carts = {}  # cart -> set of line ids
        self.orders = set()
        self.keys = set()

    @route("POST", r"/api/v2/carts")
    def new_cart(self, req):
        cart = "crt-" + secrets.token_hex(6)
        with self.lock:
            self.carts[cart] = set()
        return Reply.json({"cart": {"id": cart, "items": [], "currency": "EUR"}}, 201)

    @route("POST", r"/api/v2/carts/([\w-]+)/items")
    def add_item(self, req):
        cart = req.groups[0]
        line = "ln-" + secrets.token_hex(4)
        with self.lock:
            ok = cart in self.carts
            if ok:
                self.carts[cart].add(line)
        return self.check(ok, "add item: unknown cart id in path", lambda: Reply.json(
            {"item": {"lineId": line, "sku": req.json.get("sku"), "qty": req.json.get("qty")}}, 201), 404)

    @route("PUT", r"/api/v2/carts/([\w-]+)/items/([\w-]+)")
    def update_item(self, req):
        cart, line = req.groups
        ok = line in self.carts.get(cart, ())
        return self.check(ok, "update item: cart/line ids not issued together", lambda: Reply.json(
            {"item": {"lineId": line, "qty": req.json.get("qty")}}), 404)

    @route("POST", r"/api/v2/orders")
    def order(self, req):
        key = req.header("Idempotency-Key")
        cart = req.json.get("order", {}).get("cart", {}).get("id")
        with self.lock:
            try:
                fresh = uuid.UUID(key) and key not in self.keys
            except ValueError:
                fresh = False
            ok = fresh and cart in self.carts
            self.keys.add(key)
            oid = "ord-" + secrets.token_hex(5)
            self.orders.add(oid)
        return self.check(ok, "order: idempotency key reused or cart unknown", lambda: Reply.json(
            {"order": {"id": oid, "status": "placed"}}, 201, headers=[("Location", f"/api/v2/orders/{oid}")]), 409)

    @route("GET", r"/api/v2/orders/([\w-]+)")
    def get_order(self, req):
        ok = req.groups[0] in self.orders
        return self.check(ok, "order: unknown order id in path", lambda: Reply.json(
            {"order": {"id": req.groups[0], "status": "placed"}}), 404)


if __name__ == "__main__":
    sys.exit(main(Rest))
