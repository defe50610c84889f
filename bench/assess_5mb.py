#!/usr/bin/env python3
"""Benchmark (not a test): `magpie assess` with every rule on a synthetic ~5 MB plan.

    python3 bench/assess_5mb.py [--magpie target/release/magpie] [--runs 5]

Builds the plan from the shop recording's generated plan, repeating its thread group until the
file is ~5 MB, then times the assessment (best and median of N runs, wall clock) and prints the
size and finding count, then the in-process time (parse + rules) of the same plan. Goal
(issue 5): under 100 ms.
"""
import argparse
import pathlib
import statistics
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--magpie", default=str(ROOT / "target/release/magpie"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size-mb", type=float, default=5.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = pathlib.Path(tmp) / "shop.jmx"
        subprocess.run([args.magpie, "har2jmx", str(ROOT / "jmeter-fixtures/har/shop.har"), "-o", str(base)],
                       check=True, capture_output=True)
        text = base.read_text()
        start = text.index("      <ThreadGroup ")
        end = text.rindex("    </hashTree>\n  </hashTree>\n</jmeterTestPlan>")
        group = text[start:end]
        copies = max(1, int(args.size_mb * 1024 * 1024 / len(group)))
        big = pathlib.Path(tmp) / "big.jmx"
        big.write_text(text[:start] + group * copies + text[end:])
        size = big.stat().st_size
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            r = subprocess.run([args.magpie, "assess", str(big), "--format", "json"], capture_output=True)
            times.append(time.perf_counter() - t0)
            if r.returncode not in (0, 1):
                raise SystemExit(r.stderr.decode())
        findings = r.stdout.decode().count('"code":')
        print(f"plan: {size / 1e6:.1f} MB ({copies} thread groups); findings: {findings}")
        print(f"magpie assess, all rules: best {min(times) * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms "
              f"over {args.runs} runs (process start and JSON output included)")
        subprocess.run(["cargo", "run", "-q", "--release", "-p", "magpie-assess", "--example", "bench_assess", "--",
                        str(big), str(args.runs)], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
