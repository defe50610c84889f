"""Load the app shell, then query the GraphQL API with the CSRF token and session key from
__NEXT_DATA__ and the paging cursor from the Apollo state script (JSON-decoded, as the page's JS
does)."""
import json
import re

RECORDING = "spa-inline-state.har"


def journey(b):
    shell = b.get("/").text
    props = json.loads(re.search(r'<script id="__NEXT_DATA__" type="application/json">(.*?)</script>', shell).group(1))["props"]["pageProps"]
    apollo = json.loads(re.search(r"window\.__APOLLO_STATE__ = (\{.*?\});</script>", shell).group(1))
    b.post("/graphql", json_body={"query": "query Orders($after: String) { orders(after: $after) { edges { node { number } } } }",
                                  "variables": {"after": apollo["ROOT_QUERY"]["viewer"]["cursor"]}},
           headers={"X-CSRF-Token": props["csrf"], "X-Session-Key": props["session"]["key"]})
