"""`magpie report` on JTLs that real JMeter 5.6.3 wrote: counts and percentiles agree with an
exact computation on the same rows, the HTML report renders in headless Chromium, and a run
with broken correlation is diagnosed and fails its thresholds."""
import json
import math
import shutil
import subprocess
from collections import defaultdict

import pytest

from conftest import REPO, required_path
from test_replay import convert, run_jmeter

MAGPIE = required_path("MAGPIE_BIN", REPO / "target" / "release" / "magpie")
SCREENSHOTS = REPO / "build" / "test-output" / "report"


def report(jtl, *args):
    return subprocess.run([str(MAGPIE), "report", str(jtl), *args], capture_output=True, text=True, timeout=120)


def nearest_rank(values, q):
    values = sorted(values)
    return values[max(1, math.ceil(q * len(values))) - 1]


def test_report_matches_the_run(shop, tmp_path):
    rows = run_jmeter(convert(tmp_path), shop, tmp_path)
    jtl = tmp_path / "results.jtl"
    html = tmp_path / "report.html"
    r = report(jtl, "--format", "json", "--html", str(html), "--threshold", "errors<1%")
    assert r.returncode == 0, r.stdout + r.stderr
    summary = json.loads(r.stdout)
    assert summary["overall"]["count"] == len(rows)
    assert summary["overall"]["errors"] == 0
    by_label = defaultdict(list)
    for row in rows:
        by_label[row["label"]].append(int(row["elapsed"]))
    ours = {l["label"]: l for l in summary["labels"]}
    assert set(ours) == set(by_label)
    for label, values in by_label.items():
        assert ours[label]["count"] == len(values)
        for key, q in (("p50_ms", 0.5), ("p90_ms", 0.9), ("p95_ms", 0.95), ("p99_ms", 0.99)):
            exact = nearest_rank(values, q)
            assert abs(ours[label][key] - exact) <= max(1, exact * 0.001), (label, key, ours[label][key], exact)
        assert (ours[label]["min_ms"], ours[label]["max_ms"]) == (min(values), max(values))
    assert any(l["transaction"] for l in summary["labels"]), "the plan's Transaction Controllers were not recognised"

    page = html.read_text()
    assert "<svg" in page and "<script" not in page
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("chromium is not installed (scripts/setup.sh installs it)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    png = SCREENSHOTS / "report.png"
    png.unlink(missing_ok=True)
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--user-data-dir={tmp_path / 'chromium'}", f"--screenshot={png}", "--window-size=1280,1800",
                    html.as_uri()], capture_output=True, timeout=120)
    assert png.is_file() and png.stat().st_size > 30_000, "Chromium made no real screenshot of the report"
    colours = subprocess.run(["identify", "-format", "%k", str(png)], capture_output=True, text=True, timeout=60)
    assert colours.returncode == 0, colours.stderr
    assert int(colours.stdout.strip()) > 50, f"the rendered report looks blank ({colours.stdout} colours)"


def test_report_diagnoses_a_broken_run(shop, tmp_path):
    run_jmeter(convert(tmp_path, "--no-correlation"), shop, tmp_path)
    jtl = tmp_path / "results.jtl"
    r = report(jtl, "--threshold", "errors<1%")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "errors<1%: BROKEN" in r.stdout
    assert "Failures begin at `" in r.stdout, r.stdout
    junit = report(jtl, "--threshold", "errors<1%", "--format", "junit")
    assert junit.returncode == 1 and "<failure message=\"errors&lt;1%: BROKEN" in junit.stdout
