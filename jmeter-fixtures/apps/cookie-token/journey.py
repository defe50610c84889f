"""Open the app; its script logs in and stores the token in a cookie; read the profile and add
a note, each sending that cookie."""
RECORDING = "cookie-token.har"


def journey(b):
    b.get("/app")
    token = b.post("/api/login", json_body={"username": "demo", "password": "demo-pass"}).json()["token"]
    b.cookies["api_token"] = token          # what the page's script does: document.cookie = …
    b.get("/api/profile")
    b.post("/api/notes", json_body={"text": "buy oolong"})
