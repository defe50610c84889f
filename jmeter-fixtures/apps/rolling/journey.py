"""Open the portal and make three API calls, each sending the token the previous response gave."""
RECORDING = "rolling-token.har"


def journey(b):
    token = b.get("/portal").header("X-Request-Token")
    for method, path, body in (("GET", "/portal/api/inbox", None),
                               ("POST", "/portal/api/messages/read", {"all": True}),
                               ("GET", "/portal/api/inbox?folder=archive", None)):
        headers = {"X-Request-Token": token}
        r = b.get(path, headers=headers) if method == "GET" else b.post(path, json_body=body, headers=headers)
        token = r.header("X-Request-Token")
