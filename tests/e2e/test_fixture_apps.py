"""End to end on the single-purpose fixture apps (jmeter-fixtures/apps/<app>, fresh secrets per
process): each app's recording → `magpie har2jmx` → real JMeter 5.6.3 (2 threads × 2 loops)
against a FRESH instance → the server accepts every checked request. Without correlation the
server rejects them, which proves each case can fail.

- signed: SHA-256 of the session token in a header and MD5 of nonce:token in the query, rebuilt
  by generated JSR223 steps from freshly extracted values;
- oauth: authorization code + PKCE (the plan makes a fresh code_verifier each iteration, derives
  the S256 code_challenge, extracts the code from the redirect, the bearer token from JSON)."""
import pytest

from conftest import REPO, ShopServer
from test_replay import ITERATIONS, convert, run_jmeter

APPS = {
    # app: (recording, checked requests per iteration)
    "signed": ("signed-requests.har", 1),
    "oauth": ("oauth-pkce.har", 3),
}


@pytest.fixture(params=sorted(APPS))
def app(request):
    server = ShopServer(app=REPO / "jmeter-fixtures" / "apps" / request.param / "server.py")
    server.name = request.param
    yield server
    server.stop()


def har_of(app):
    return REPO / "jmeter-fixtures" / "har" / APPS[app.name][0]


def test_replay_is_accepted(app, tmp_path):
    rows = run_jmeter(convert(tmp_path, "--assertions", "status", har=har_of(app)), app, tmp_path)
    failed = [(r["label"], r["responseCode"], r["responseMessage"]) for r in rows if r["success"] != "true"]
    v = app.verdicts()
    assert failed == [] and v["rejected"] == 0, (failed, v)
    assert v["accepted"] == APPS[app.name][1] * ITERATIONS, v


def test_without_correlation_the_server_rejects(app, tmp_path):
    run_jmeter(convert(tmp_path, "--no-correlation", har=har_of(app)), app, tmp_path)
    v = app.verdicts()
    assert v["rejected"] >= ITERATIONS, v
