"""Diagnosis from a real JMeter run: the plan records its extractor outcomes (`har2jmx
--record-extractors`, the plugin's Magpie Extractor Outcome Recorder); one extractor is broken
the way an application change breaks it (its selector no longer matches), and `magpie report`
names that extractor, its sampler, and how often it fell back to its default."""
import json
import re
import subprocess

from conftest import REPO, required_path
from test_replay import ITERATIONS, convert, run_jmeter

MAGPIE = required_path("MAGPIE_BIN", REPO / "target" / "release" / "magpie")


def test_report_names_the_extractor_that_broke(shop, tmp_path):
    plan = convert(tmp_path, "--record-extractors")
    text = plan.read_text()
    # The cart id "moved" in the API's JSON: the JSON extractor that reads it finds nothing any
    # more; the extractors before it (CSRF token, redirect code, auth header) still match.
    broken, n = re.subn(r'(<stringProp name="JSONPostProcessor.jsonPathExprs">)[^<]*(</stringProp>)',
                        r"\1$.basket.id\2", text, count=1)
    assert n == 1, "the plan has no JSON extractor to break"
    plan.write_text(broken)
    sidecar = tmp_path / "extractors.jsonl"
    run_jmeter(plan, shop, tmp_path, f"-Jmagpie.extractors.file={sidecar}")
    lines = [json.loads(l) for l in sidecar.read_text().splitlines() if l.strip()]
    assert lines and {"matched", "default"} <= {l["outcome"] for l in lines}, lines[:5]

    r = subprocess.run([str(MAGPIE), "report", str(tmp_path / "results.jtl"), "--format", "json"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    notes = json.loads(r.stdout)["diagnosis"]
    first = notes[0]
    assert first.startswith("Extractor `cart_id` under `"), notes
    assert f"found nothing in {ITERATIONS} of {ITERATIONS} samples" in first, first
    # Only the broken extractor is blamed as the cause; the ones before it matched.
    assert sum(n.startswith("Extractor `") for n in notes) == 1, notes
    assert not any("`csrf_token`" in n for n in notes), notes
    assert any(n.startswith("Failures begin at `") for n in notes), notes
