"""Log in to the JSON API, call it with the bearer JWT, refresh the token, transfer between the
user's accounts with the refreshed token (account ids in the path and in a nested JSON field)."""
RECORDING = "jwt-api.har"


def journey(b):
    tokens = b.post("/api/auth/login", json_body={"username": "demo", "password": "demo-pass"}).json()
    auth = {"Authorization": "Bearer " + tokens["access_token"]}
    b.get("/api/me", headers=auth)
    accounts = b.get("/api/accounts", headers=auth).json()["accounts"]
    tokens = b.post("/api/auth/refresh", json_body={"refresh_token": tokens["refresh_token"]}).json()
    b.post(f"/api/accounts/{accounts[0]['accountId']}/transfers",
           json_body={"amount": 25, "to": {"accountId": accounts[1]["accountId"]}},
           headers={"Authorization": "Bearer " + tokens["access_token"]})
