#!/usr/bin/env python3
"""Benchmark (not a test): `magpie correlate --report` on a synthetic ~100 MB HAR of ~5,000
entries (HTML pages with hidden CSRF fields, JSON APIs issuing ids, header tokens; each value
sent back by the next request), timed with its peak memory (GNU time).

    python3 bench/correlate_100mb.py [--entries 5000] [--magpie target/release/magpie]

Goal (issue 4): under 1 s, peak RSS under 3x the file.
"""
import argparse
import json
import os
import pathlib
import random
import re
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def token(rnd, n=32):
    return "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") for _ in range(n))


def entry(i, method, url, req_headers, post, status, mime, body, resp_headers=()):
    started = f"2024-01-02T03:{(i // 60) % 60:02d}:{i % 60:02d}.000Z"
    e = {"startedDateTime": started, "time": 30,
         "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1",
                     "headers": [{"name": k, "value": v} for k, v in req_headers],
                     "queryString": [], "cookies": [], "headersSize": -1, "bodySize": -1},
         "response": {"status": status, "statusText": "OK", "httpVersion": "HTTP/1.1",
                      "headers": [{"name": "Content-Type", "value": mime}] + [{"name": k, "value": v} for k, v in resp_headers],
                      "cookies": [], "content": {"size": len(body), "mimeType": mime, "text": body},
                      "redirectURL": "", "headersSize": -1, "bodySize": -1},
         "cache": {}, "timings": {"send": 0, "wait": 30, "receive": 0}}
    if post is not None:
        e["request"]["postData"] = {"mimeType": post[0], "text": post[1]}
    return e


def generate(path, n, seed=3):
    rnd = random.Random(seed)
    filler = " ".join(f"<p class=\"c{k}\">Lorem ipsum dolor sit amet {k}</p>" for k in range(420))
    entries = []
    prev = None  # (kind, value) the previous response issued
    for i in range(n):
        base = "http://app.example"
        headers = [("User-Agent", "bench"), ("Accept", "*/*")]
        post = None
        url = f"{base}/page/{i}"
        method = "GET"
        if prev:
            kind, value = prev
            if kind == "csrf":
                method, post = "POST", ("application/x-www-form-urlencoded", f"csrf_token={value}&q=item{i}")
            elif kind == "id":
                url = f"{base}/api/items/{value}"
            else:
                headers.append(("X-Auth-Token", value))
        v = token(rnd)
        kind = ("csrf", "id", "hdr")[i % 3]
        if kind == "csrf":
            body = f"<html><head><title>Page {i}</title></head><body><form><input type=\"hidden\" name=\"csrf_token\" value=\"{v}\"></form>{filler}</body></html>"
            entries.append(entry(i, method, url, headers, post, 200, "text/html", body))
        elif kind == "id":
            v = "it-" + token(rnd, 20)
            items = [{"id": "x-" + token(rnd, 12), "name": f"item {k}", "price": k} for k in range(200)]
            body = json.dumps({"item": {"id": v, "related": items}})
            entries.append(entry(i, method, url, headers, post, 200, "application/json", body))
        else:
            body = f"<html><body>{filler}</body></html>"
            entries.append(entry(i, method, url, headers, post, 200, "text/html", body, [("X-Auth-Token", v)]))
        prev = (kind, v)
    doc = {"log": {"version": "1.2", "creator": {"name": "bench", "version": "1"}, "entries": entries}}
    path.write_text(json.dumps(doc))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=5000)
    ap.add_argument("--magpie", default=str(ROOT / "target/release/magpie"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        har = pathlib.Path(tmp) / "big.har"
        generate(har, args.entries)
        size = har.stat().st_size
        print(f"HAR: {args.entries} entries, {size / 1e6:.0f} MB")
        best = None
        for _ in range(3):
            t0 = time.perf_counter()
            r = subprocess.run(["/usr/bin/time", "-v", args.magpie, "correlate", str(har), "--report", "--format", "json"],
                               capture_output=True, text=True)
            took = time.perf_counter() - t0
            if r.returncode != 0:
                raise SystemExit(f"magpie failed: {r.stderr[-2000:]}")
            rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
            found = len(json.loads(r.stdout)["correlations"])
            if best is None or took < best[0]:
                best = (took, rss_kb, found)
        took, rss_kb, found = best
        print(f"magpie correlate --report: {took:.2f} s (best of 3), peak RSS {rss_kb / 1024:.0f} MB "
              f"= {rss_kb * 1024 / size:.2f}x the file; {found} values correlated (expected {args.entries - 1})")
        print("goal: under 1 s and under 3x the file")


if __name__ == "__main__":
    main()
