"""The Magpie Soft Failure Assertion in real JMeter 5.6.3 runs against the fixture shop in its
--soft-failures mode, where a stale value gets a response that looks successful (a 200 error
page, a 200 JSON error, a redirect to the login page) instead of a 403.

Without correlation, status assertions alone let most of those pass; with `--soft-failures`
the Magpie assertion fails them, naming each kind. The correlated plan has no false failure."""
from test_replay import convert, run_jmeter, sampler_rows


def failures(rows):
    return [r for r in rows if r["success"] != "true"]


def test_broken_correlation_is_caught_as_soft_failures(soft_shop, tmp_path):
    plain = run_jmeter(convert(tmp_path, "--no-correlation", "--assertions", "status"), soft_shop, tmp_path)
    caught = run_jmeter(convert(tmp_path, "--no-correlation", "--assertions", "status", "--soft-failures"),
                        soft_shop, tmp_path)
    soft = [r for r in failures(caught) if r["failureMessage"].startswith("Magpie soft failure: ")]
    assert len(failures(caught)) > len(failures(plain)), (len(failures(caught)), len(failures(plain)))
    messages = " | ".join(r["failureMessage"] for r in soft)
    for kind in ("error page", "JSON error status", "login page"):
        assert kind in messages, f"no '{kind}' soft failure among: {messages}"


def test_correlated_plan_has_no_false_soft_failure(soft_shop, tmp_path):
    rows = run_jmeter(convert(tmp_path, "--soft-failures"), soft_shop, tmp_path)
    assert sampler_rows(rows)
    bad = [(r["label"], r["failureMessage"]) for r in failures(rows)]
    assert bad == [], bad
    v = soft_shop.verdicts()
    assert v["rejected"] == 0 and v["accepted"] == v["requests"]
