"""Log in to WordPress, write a post through the REST API with the nonce the editor's inline
script holds, then trash it with the nonce in the post list's (HTML-escaped) link."""
import json
import re

RECORDING = "wordpress-nonces.har"


def journey(b):
    b.get("/wp-login.php")
    b.post("/wp-login.php", form={"log": "demo", "pwd": "demo-pass", "redirect_to": "/wp-admin/", "testcookie": "1"})
    editor = b.get("/wp-admin/post-new.php").text
    settings = json.loads(re.search(r"var wpApiSettings = (\{.*?\});", editor).group(1))
    post = b.post("/wp-json/wp/v2/posts", json_body={"title": "Hello from the fixture", "status": "publish"},
                  headers={"X-WP-Nonce": settings["nonce"]}).json()
    listing = b.get("/wp-admin/edit.php").text
    link = re.search(rf'href="(post\.php\?post={post["id"]}&amp;[^"]+)"', listing).group(1).replace("&amp;", "&")
    b.get("/wp-admin/" + link)
