"""Log in with Django's CSRF form token, add a note through the JSON API with the X-CSRFToken
header the page's script copies from the csrftoken cookie, delete the note with a form post."""
import re

RECORDING = "django-csrf.har"


def form_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def journey(b):
    page = b.get("/accounts/login/")
    dash = b.post("/accounts/login/", form={"csrfmiddlewaretoken": form_token(page.text),
                                            "username": "demo", "password": "demo-pass"})
    note = b.post("/api/notes/", json_body={"text": "buy milk"}, headers={"X-CSRFToken": b.cookies["csrftoken"]})
    b.post(f"/notes/{note.json()['id']}/delete/", form={"csrfmiddlewaretoken": form_token(dash.text)})
