"""Create a cart, add and update a line, place the order with a fresh idempotency key, poll it
with a jQuery-style cache buster."""
import time
import uuid

RECORDING = "rest-ids.har"


def journey(b):
    cart = b.post("/api/v2/carts", json_body={}).json()["cart"]["id"]
    line = b.post(f"/api/v2/carts/{cart}/items", json_body={"sku": "SKU-RED-42", "qty": 1}).json()["item"]["lineId"]
    b.request("PUT", f"/api/v2/carts/{cart}/items/{line}", headers={"Content-Type": "application/json"}, body=b'{"qty":3}')
    placed = b.post("/api/v2/orders", json_body={"order": {"cart": {"id": cart}}, "note": "leave at door"},
                    headers={"Idempotency-Key": str(uuid.uuid4())})
    b.get(f"{placed.header('Location')}?_={int(time.time() * 1000)}")
