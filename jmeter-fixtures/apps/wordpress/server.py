#!/usr/bin/env python3
"""Fixture app: WordPress nonces. Fresh nonces (10 hex characters) per process and action.

GET  /wp-login.php      -> login form
POST /wp-login.php      -> 302 /wp-admin/ + Set-Cookie wordpress_logged_in_…
GET  /wp-admin/post-new.php -> editor page: hidden _wpnonce (action add-post), and the REST nonce
                          in an inline script, JSON-escaped as WordPress prints it:
                          var wpApiSettings = {"root":"http:\\/\\/…\\/wp-json\\/","nonce":"…"};
POST /wp-json/wp/v2/posts  header X-WP-Nonce (the REST nonce), JSON {"title","status"}
                          -> 201 {"id": n, "link": …} when the nonce is right
GET  /wp-admin/edit.php -> post list; each row's trash link carries its own nonce:
                          post.php?post=n&amp;action=trash&amp;_wpnonce=…
GET  /wp-admin/post.php?post=n&action=trash&_wpnonce=… -> 302 /wp-admin/edit.php?trashed=1 when
                          the nonce is the one issued for trashing post n
"""
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from appkit import App, Reply, main, route  # noqa: E402


class WordPress(App):
    def __init__(self):
        super().__init__()
        self.nonces = {}  # action -> nonce
        self.posts = 100 + secrets.randbelow(800)
        self.cookie = "wordpress_logged_in_" + secrets.token_hex(16)

    def nonce(self, action):
        with self.lock:
            return self.nonces.setdefault(action, secrets.token_hex(5))

    def logged_in(self, req):
        return self.cookie in req.cookies

    @route("GET", r"/wp-login\.php")
    def login_page(self, req):
        return Reply.page("Log In &lsaquo; Fixture Blog &#8212; WordPress",
                          '<form name="loginform" method="post"><input name="log"><input name="pwd" type="password">'
                          '<input type="hidden" name="redirect_to" value="/wp-admin/"><input type="hidden" name="testcookie" value="1"></form>')

    @route("POST", r"/wp-login\.php")
    def login(self, req):
        value = "demo%7C" + secrets.token_hex(20)
        return Reply.redirect(req.form.get("redirect_to", "/wp-admin/"),
                              headers=[("Set-Cookie", f"{self.cookie}={value}; path=/; HttpOnly")])

    @route("GET", r"/wp-admin/")
    def dashboard(self, req):
        return Reply.page("Dashboard &lsaquo; Fixture Blog", '<a href="post-new.php">Add New</a>')

    @route("GET", r"/wp-admin/post-new\.php")
    def editor(self, req):
        host = req.header("Host")
        script = ('<script id="wp-api-request-js-extra">\nvar wpApiSettings = {"root":"http:\\/\\/' + host +
                  '\\/wp-json\\/","nonce":"' + self.nonce("wp_rest") + '","versionString":"wp\\/v2\\/"};\n</script>')
        return Reply.page("Add New Post &lsaquo; Fixture Blog",
                          f'<form id="post"><input type="hidden" id="_wpnonce" name="_wpnonce" value="{self.nonce("add-post")}" />'
                          f'</form>{script}')

    @route("POST", r"/wp-json/wp/v2/posts")
    def create(self, req):
        ok = self.logged_in(req) and req.header("X-WP-Nonce") == self.nonce("wp_rest")
        with self.lock:
            self.posts += 1
            post = self.posts
        return self.check(ok, "rest: X-WP-Nonce is not this session's wp_rest nonce", lambda: Reply.json(
            {"id": post, "status": req.json.get("status"), "title": {"raw": req.json.get("title")},
             "link": f"http://{req.header('Host')}/?p={post}"}, 201))

    @route("GET", r"/wp-admin/edit\.php")
    def post_list(self, req):
        rows = "".join(f'<tr id="post-{p}"><td><a href="post.php?post={p}&amp;action=trash&amp;_wpnonce='
                       f'{self.nonce(f"trash-post_{p}")}" class="submitdelete">Trash</a></td></tr>'
                       for p in range(self.posts, max(self.posts - 3, 100), -1))
        return Reply.page("Posts &lsaquo; Fixture Blog", f"<table>{rows}</table>")

    @route("GET", r"/wp-admin/post\.php")
    def trash(self, req):
        post = req.query.get("post", "")
        ok = self.logged_in(req) and req.query.get("_wpnonce") == self.nonce(f"trash-post_{post}") and \
            self.nonces.get(f"trash-post_{post}") is not None
        return self.check(ok, "trash: _wpnonce not issued for this post", Reply.redirect("/wp-admin/edit.php?trashed=1&ids=" + post))


if __name__ == "__main__":
    sys.exit(main(WordPress))
