"""End to end: the bundled Chromium recording of the fixture shop (instance A) → `magpie
har2jmx` → real JMeter 5.6.3 non-GUI, 2 threads × 2 loops, against a FRESH instance B with new
secrets. Correlated, every request is accepted; without correlation, the server rejects them,
which proves this test can fail."""
import csv
import re
import subprocess

import pytest

from conftest import REPO, required_path

HAR = REPO / "jmeter-fixtures" / "har" / "shop.har"
THREADS, LOOPS = 2, 2


def convert(tmp_path, *extra):
    magpie = required_path("MAGPIE_BIN", REPO / "target" / "release" / "magpie")
    plan = tmp_path / "shop.jmx"
    r = subprocess.run([str(magpie), "har2jmx", str(HAR), "-o", str(plan), *extra],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return plan


def run_jmeter(plan, shop, tmp_path):
    home = required_path("JMETER_HOME", REPO / "build" / "jmeter")
    jtl = tmp_path / "results.jtl"
    cmd = [str(home / "bin" / "jmeter"), "-n", "-t", str(plan), "-l", str(jtl), "-j", str(tmp_path / "jmeter.log"),
           "-Jjmeter.save.saveservice.output_format=csv", "-Jjmeter.save.saveservice.print_field_names=true",
           "-Jprotocol=http", "-Jhost=127.0.0.1", f"-Jport={shop.port}",
           f"-Jthreads={THREADS}", f"-Jloops={LOOPS}", "-Jrampup=1", "-Jthink_ms=0"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    with open(jtl, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return rows


def sampler_rows(rows):
    """Sampler results only: no Transaction Controller results (their message says "Number of
    samples in transaction"), no redirect sub-results (labelled `<sampler>-0`, `-1`, …)."""
    labels = {r["label"] for r in rows}
    return [r for r in rows
            if not r["responseMessage"].startswith("Number of samples in transaction")
            and not (re.fullmatch(r"(.*)-\d+", r["label"]) and re.fullmatch(r"(.*)-\d+", r["label"]).group(1) in labels)]


def test_replay_correlated(shop, tmp_path):
    rows = run_jmeter(convert(tmp_path), shop, tmp_path)
    samplers = sampler_rows(rows)
    assert len(samplers) == 9 * THREADS * LOOPS, [r["label"] for r in samplers]
    errors = [(r["label"], r["responseCode"], r["responseMessage"]) for r in rows if r["success"] != "true"]
    assert errors == []
    v = shop.verdicts()
    # Per iteration: 9 samplers + 2 redirect hops JMeter follows, less the unchecked home page.
    assert v["requests"] == 10 * THREADS * LOOPS
    assert v["rejected"] == 0, [c for c in v["checks"] if not c["ok"]][:5]
    iterations = THREADS * LOOPS
    for kind in ["session_cookie", "csrf_form", "csrf_header", "redirect_code", "redirect_code_reuse",
                 "auth_header", "json_id_path", "json_id_body", "json_id_query", "json_id_form", "order_id_path"]:
        assert v["by_check"][kind]["ok"] >= iterations, kind
        assert v["by_check"][kind]["failed"] == 0, kind


def test_replay_without_correlation_fails(shop, tmp_path):
    rows = run_jmeter(convert(tmp_path, "--no-correlation"), shop, tmp_path)
    errors = [r for r in sampler_rows(rows) if r["success"] != "true"]
    assert len(errors) >= THREADS * LOOPS, "recorded values must not be accepted by a fresh instance"
    v = shop.verdicts()
    assert v["rejected"] >= THREADS * LOOPS
    failed_kinds = {c["check"] for c in v["checks"] if not c["ok"]}
    assert "csrf_form" in failed_kinds
