#!/usr/bin/env python3
"""Benchmark (not a test): `magpie report` against JMeter 5.6.3's own report generator
(`jmeter -g big.jtl -o dir`) on the same synthetic CSV JTL.

    python3 bench/report_vs_jmeter.py [--rows 10000000] [--magpie target/release/magpie]
                                      [--jmeter build/jmeter/bin/jmeter] [--keep]

Writes a JTL with JMeter's default 17 columns (20 labels, one hour of timestamps, ~1 % errors,
log-normal response times) to a temp folder, times both tools on it (wall clock, one run each),
prints the ratio and, per label, the median/p90/p95/p99 of both. JMeter's percentiles come from
its statistics.json; note that JMeter computes them over all values with commons-math's
Percentile (an estimate between ranks), Magpie with HdrHistogram at 3 significant digits, so
small differences are expected. The temp folder is deleted unless --keep.
"""
import argparse
import json
import math
import os
import pathlib
import random
import shutil
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
HEADER = ("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,"
          "bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n")


def generate(path, rows, seed=7):
    rnd = random.Random(seed)
    labels = [f"{i:02d} {verb} /{name}" for i, (verb, name) in enumerate(
        [(v, n) for v in ("GET", "POST") for n in ("home", "login", "catalog", "item", "cart", "checkout",
                                                    "pay", "orders", "search", "logout")])]
    medians = [40 + 37 * i for i in range(len(labels))]
    start = 1_700_000_000_000
    span = 3600 * 1000
    with open(path, "w", buffering=1 << 22) as f:
        f.write(HEADER)
        chunk = []
        for n in range(rows):
            i = n % len(labels)
            elapsed = int(medians[i] * math.exp(rnd.gauss(0, 0.6)))
            ok = rnd.random() >= 0.01
            ts = start + n * span // rows
            thread = f"Users 1-{n % 50 + 1}"
            if ok:
                chunk.append(f"{ts},{elapsed},{labels[i]},200,OK,{thread},text,true,,{1000 + i},{300 + i},50,50,"
                             f"http://127.0.0.1/x,{elapsed // 2},0,{elapsed // 10}\n")
            else:
                chunk.append(f"{ts},{elapsed},{labels[i]},500,Internal Server Error,{thread},text,false,"
                             f"\"Test failed: code expected to be 200\",{200 + i},{300 + i},50,50,"
                             f"http://127.0.0.1/x,{elapsed // 2},0,{elapsed // 10}\n")
            if len(chunk) >= 100_000:
                f.write("".join(chunk))
                chunk.clear()
        f.write("".join(chunk))


def timed(cmd, env=None, cwd=None):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)
    return time.perf_counter() - t0, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--magpie", default=str(ROOT / "target/release/magpie"))
    ap.add_argument("--jmeter", default=str(ROOT / "build/jmeter/bin/jmeter"))
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="magpie-bench-report-"))
    try:
        jtl = tmp / "big.jtl"
        t0 = time.perf_counter()
        generate(jtl, args.rows)
        print(f"JTL: {args.rows:,} rows, {jtl.stat().st_size / 1e6:,.0f} MB, generated in {time.perf_counter() - t0:.0f} s")

        t_magpie, r = timed([args.magpie, "report", str(jtl), "--format", "json"])
        if r.returncode != 0:
            raise SystemExit(f"magpie report failed: {r.stderr}")
        ours = {l["label"]: l for l in json.loads(r.stdout)["labels"]}
        print(f"magpie report: {t_magpie:.2f} s")

        env = dict(os.environ, HEAP=os.environ.get("HEAP", "-Xms1g -Xmx6g"))
        out = tmp / "jmeter-report"
        t_jmeter, r = timed([args.jmeter, "-g", str(jtl), "-o", str(out), "-j", str(tmp / "jmeter.log")], env=env, cwd=tmp)  # its temp/ folder lands in cwd
        stats_file = out / "statistics.json"
        if r.returncode != 0 or not stats_file.is_file():
            raise SystemExit(f"jmeter -g failed ({r.returncode}): {r.stdout[-2000:]}{r.stderr[-2000:]}")
        theirs = json.loads(stats_file.read_text())
        print(f"jmeter -g:     {t_jmeter:.2f} s")
        print(f"ratio:         {t_jmeter / t_magpie:.1f}x faster (goal: 20x)")

        print("\nper label: median/p90/p95/p99 ms, magpie vs jmeter (difference %)")
        worst = 0.0
        for label, j in sorted(theirs.items()):
            m = ours.get(label)
            if m is None:
                continue
            cells = []
            for ours_key, their_key in (("p50_ms", "medianResTime"), ("p90_ms", "pct1ResTime"),
                                        ("p95_ms", "pct2ResTime"), ("p99_ms", "pct3ResTime")):
                a, b = m[ours_key], j[their_key]
                diff = 100.0 * (a - b) / b if b else 0.0
                worst = max(worst, abs(diff))
                cells.append(f"{a}/{b:.0f} ({diff:+.2f}%)")
            print(f"  {label:<22} " + "  ".join(cells))
        print(f"largest percentile difference: {worst:.2f} %")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
