"""End to end on the single-purpose fixture apps (jmeter-fixtures/apps/<app>, fresh secrets per
process; the shop has tests of its own): each app's recording → `magpie har2jmx` → real JMeter
5.6.3 (2 threads × 2 loops) against a FRESH instance → the server accepts every checked request.
Without correlation the server rejects them, which proves each case can fail.

The apps, their recordings and what each checks are in jmeter-fixtures/apps/<app>/labels.json
(the same ground truth bench/correlation_benchmark.py scores the engine against): ASP.NET
WebForms, Django CSRF, JSF, a JWT API, OAuth + PKCE, a REST API with ids and client keys, a
rolling token, hash-signed requests, SAML-style SSO, a single-page app's inline state, WordPress
nonces."""
import json

import pytest

from conftest import REPO, ShopServer
from test_replay import ITERATIONS, convert, run_jmeter

APPS_DIR = REPO / "jmeter-fixtures" / "apps"
APPS = {p.parent.name: json.loads(p.read_text()) for p in sorted(APPS_DIR.glob("*/labels.json")) if p.parent.name != "shop"}


@pytest.fixture(params=sorted(APPS))
def app(request):
    server = ShopServer(app=APPS_DIR / request.param / "server.py")
    server.name = request.param
    yield server
    server.stop()


def har_of(app):
    return REPO / "jmeter-fixtures" / "har" / APPS[app.name]["recording"]


def test_replay_is_accepted(app, tmp_path):
    rows = run_jmeter(convert(tmp_path, "--assertions", "status", har=har_of(app)), app, tmp_path)
    failed = [(r["label"], r["responseCode"], r["responseMessage"]) for r in rows if r["success"] != "true"]
    v = app.verdicts()
    assert failed == [] and v["rejected"] == 0, (failed, v)
    assert v["accepted"] == APPS[app.name]["checked_requests_per_iteration"] * ITERATIONS, v


def test_without_correlation_the_server_rejects(app, tmp_path):
    run_jmeter(convert(tmp_path, "--no-correlation", har=har_of(app)), app, tmp_path)
    v = app.verdicts()
    assert v["rejected"] >= ITERATIONS, v


def test_plan_mode_correlates_an_uncorrelated_plan(app, tmp_path):
    """`magpie correlate plan.jmx --har rec.har`: the plan of the same journey without any
    correlation (as a recorder would leave it) gets the extractors and variables by byte-range
    edits; real JMeter then replays it against a fresh instance with every request accepted. A
    second run finds nothing left to do and leaves the file byte-identical."""
    import subprocess
    magpie = REPO / "target" / "release" / "magpie"
    plan = convert(tmp_path, "--no-correlation", "--assertions", "status", har=har_of(app))
    original = plan.read_bytes()
    r = subprocess.run([str(magpie), "correlate", str(plan), "--har", str(har_of(app))],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert plan.with_suffix(".jmx.bak").read_bytes() == original, "the original should be kept as .bak"
    fixed = plan.read_bytes()
    assert fixed != original, r.stdout
    rows = run_jmeter(plan, app, tmp_path)
    failed = [(r["label"], r["responseCode"]) for r in rows if r["success"] != "true"]
    v = app.verdicts()
    assert failed == [] and v["rejected"] == 0, (r.stdout, failed, v)
    again = subprocess.run([str(magpie), "correlate", str(plan), "--har", str(har_of(app))],
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and plan.read_bytes() == fixed, again.stdout
