"""Sign in through a JSF form (URL-rewritten session), search by AJAX, open a result with the
ViewState the partial response handed over."""
import re

RECORDING = "jsf-viewstate.har"


def view_state(text):
    m = re.search(r'name="javax\.faces\.ViewState" id="[^"]+" value="([^"]+)"', text) or \
        re.search(r'javax\.faces\.ViewState:0"><!\[CDATA\[([^\]]+)\]\]>', text)
    return m.group(1)


def journey(b):
    page = b.get("/app/login.xhtml").text
    action = re.search(r'action="([^"]+)"', page).group(1)
    home = b.post(action, form={"loginForm": "loginForm", "loginForm:username": "demo", "loginForm:password": "demo-pass",
                                "loginForm:submit": "Sign in", "javax.faces.ViewState": view_state(page)}).text
    partial = b.post("/app/home.xhtml", form={"javax.faces.partial.ajax": "true", "javax.faces.source": "searchForm:go",
                                              "javax.faces.partial.execute": "searchForm", "searchForm": "searchForm",
                                              "searchForm:q": "order", "javax.faces.ViewState": view_state(home)},
                     headers={"Faces-Request": "partial/ajax"}).text
    b.post("/app/home.xhtml", form={"searchForm": "searchForm", "searchForm:results:0:open": "searchForm:results:0:open",
                                    "javax.faces.ViewState": view_state(partial)})
