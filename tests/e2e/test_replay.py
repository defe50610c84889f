"""End to end: the bundled Chromium recording of the fixture shop (instance A) → `magpie
har2jmx` → real JMeter 5.6.3 non-GUI, 2 threads × 2 loops, against a FRESH instance B with new
secrets. Correlated, every request is accepted; without correlation, the server rejects them,
which proves this test can fail."""
import csv
import json
import re
import subprocess

from conftest import REPO, required_path

HAR = REPO / "jmeter-fixtures" / "har" / "shop.har"
GROUND_TRUTH = json.loads((REPO / "jmeter-fixtures" / "apps" / "shop" / "dynamic-values.json").read_text())
THREADS, LOOPS = 2, 2
ITERATIONS = THREADS * LOOPS
# Per iteration: the 9 requests the plan sends (GET /, GET /login, POST /login, exchange, GET /shop,
# POST /api/cart, POST items, GET /checkout, POST /checkout/confirm) ...
SAMPLERS_PER_ITERATION = 9
# ... plus the 2 redirect hops JMeter follows (/callback?code&state, /orders/<id>).
JOURNEY_REQUESTS_PER_ITERATION = 11
# The dynamic-value kinds a..e of the shop (see jmeter-fixtures/apps/shop/README.md).
KINDS = sorted({v["kind"] for v in GROUND_TRUTH["dynamic_values"]})


def convert(tmp_path, *extra, har=HAR):
    magpie = required_path("MAGPIE_BIN", REPO / "target" / "release" / "magpie")
    plan = tmp_path / (har.stem + ".jmx")
    r = subprocess.run([str(magpie), "har2jmx", str(har), "-o", str(plan), *extra],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"magpie har2jmx exited {r.returncode}:\n{r.stdout}\n{r.stderr}"
    assert plan.is_file() and plan.stat().st_size > 0
    return plan


def run_jmeter(plan, shop, tmp_path, *extra):
    home = required_path("JMETER_HOME", REPO / "build" / "jmeter")
    jmeter = home / "bin" / "jmeter"
    if not jmeter.exists():
        import pytest
        pytest.fail(f"{jmeter} not found: JMETER_HOME={home} is not a JMeter home")
    jtl, log = tmp_path / "results.jtl", tmp_path / "jmeter.log"
    cmd = [str(jmeter), "-n", "-t", str(plan), "-l", str(jtl), "-j", str(log),
           "-Jjmeter.save.saveservice.output_format=csv", "-Jjmeter.save.saveservice.print_field_names=true",
           "-Jprotocol=http", "-Jhost=127.0.0.1", f"-Jport={shop.port}",
           f"-Jthreads={THREADS}", f"-Jloops={LOOPS}", "-Jrampup=1", "-Jthink_ms=0", *extra]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    log_tail = log.read_text(errors="replace")[-3000:] if log.exists() else "(no jmeter.log)"
    assert r.returncode == 0, f"JMeter exited {r.returncode}:\n{r.stdout}\n{r.stderr}\n{log_tail}"
    assert jtl.is_file(), f"JMeter wrote no JTL:\n{r.stdout}\n{log_tail}"
    with open(jtl, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def sampler_rows(rows):
    """Sampler results only: no Transaction Controller results (their message says "Number of
    samples in transaction"), no redirect sub-results (labelled `<sampler>-0`, `-1`, …)."""
    labels = {r["label"] for r in rows}

    def is_subresult(label):
        m = re.fullmatch(r"(.*)-\d+", label)
        return m is not None and m.group(1) in labels

    return [r for r in rows
            if not r["responseMessage"].startswith("Number of samples in transaction")
            and not is_subresult(r["label"])]


def failed_checks(v, n=8):
    return [f'{c["method"]} {c["path"]}: {c["check"]}: {c["detail"]}' for c in v["checks"] if not c["ok"]][:n]


def test_ground_truth_names_every_kind():
    assert KINDS == ["a_session_cookie", "b_csrf", "c_response_header_token", "d_json_id", "e_redirect_value"]


def test_replay_correlated(shop, tmp_path):
    rows = run_jmeter(convert(tmp_path), shop, tmp_path)
    assert rows, "the JTL has no samples"
    samplers = sampler_rows(rows)
    assert len(samplers) == SAMPLERS_PER_ITERATION * ITERATIONS, sorted(r["label"] for r in samplers)
    errors = [(r["label"], r["responseCode"], r["responseMessage"]) for r in rows if r["success"] != "true"]
    assert errors == [], f"JTL errors: {errors[:8]}; server says: {failed_checks(shop.verdicts())}"

    v = shop.verdicts()
    assert v["rejected"] == 0, failed_checks(v)
    assert v["requests"] == JOURNEY_REQUESTS_PER_ITERATION * ITERATIONS
    assert v["accepted"] == v["requests"]
    for kind in KINDS:  # each kind a..e exercised (and passed) at least once per iteration
        counts = v["by_kind"].get(kind, {"ok": 0, "failed": 0})
        assert counts["failed"] == 0 and counts["ok"] >= ITERATIONS, (kind, counts)
    for check in ["session_cookie", "csrf_form", "csrf_header", "redirect_code", "redirect_state",
                  "redirect_code_reuse", "auth_header", "json_id_path", "json_id_body", "json_id_query",
                  "json_id_form", "order_id_path"]:
        counts = v["by_check"].get(check, {"ok": 0, "failed": 0})
        assert counts["failed"] == 0 and counts["ok"] >= ITERATIONS, (check, counts)


def test_replay_without_correlation_fails(shop, tmp_path):
    rows = run_jmeter(convert(tmp_path, "--no-correlation"), shop, tmp_path)
    errors = [r for r in sampler_rows(rows) if r["success"] != "true"]
    assert len(errors) >= ITERATIONS, "recorded values must not be accepted by a fresh instance"
    assert {r["responseCode"] for r in errors} <= {"400", "401", "403"}, {r["responseCode"] for r in errors}
    v = shop.verdicts()
    assert v["rejected"] >= ITERATIONS
    failed_kinds = {c["kind"] for c in v["checks"] if not c["ok"]}
    assert {"b_csrf"} <= failed_kinds, failed_kinds
