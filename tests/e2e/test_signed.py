"""End to end: requests the page signs (SHA-256 of the session token in a header, MD5 of
nonce:token in the query) replayed by real JMeter against a fresh instance of the signing
fixture app (jmeter-fixtures/apps/signed): the plan's JSR223 steps rebuild both signatures from
freshly extracted values, and the server accepts every transfer. Without correlation it rejects
them, which proves the test can fail."""
import subprocess

import pytest

from conftest import REPO, ShopServer, required_path
from test_replay import run_jmeter

HAR = REPO / "jmeter-fixtures" / "har" / "signed-requests.har"
APP = REPO / "jmeter-fixtures" / "apps" / "signed" / "server.py"
MAGPIE = required_path("MAGPIE_BIN", REPO / "target" / "release" / "magpie")


@pytest.fixture
def signed_app():
    server = ShopServer(app=APP)
    yield server
    server.stop()


def plan(tmp_path, *extra):
    out = tmp_path / "signed.jmx"
    r = subprocess.run([str(MAGPIE), "har2jmx", str(HAR), "-o", str(out), "--assertions", "status", *extra],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    return out


def test_signatures_are_rebuilt_at_run_time(signed_app, tmp_path):
    rows = run_jmeter(plan(tmp_path), signed_app, tmp_path)
    failed = [(r["label"], r["responseCode"]) for r in rows if r["success"] != "true"]
    v = signed_app.verdicts()
    assert failed == [] and v["rejected"] == 0, (failed, v)
    assert v["accepted"] >= 4  # one transfer per iteration, 2 threads x 2 loops


def test_without_correlation_the_server_rejects(signed_app, tmp_path):
    run_jmeter(plan(tmp_path, "--no-correlation"), signed_app, tmp_path)
    v = signed_app.verdicts()
    assert v["accepted"] == 0 and v["rejected"] >= 4, v
