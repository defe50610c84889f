#!/usr/bin/env python3
"""Prints the fixture shop's own verdicts on one screen; exit 0 when every journey request
was accepted, 1 otherwise.

    python3 verdicts.py http://127.0.0.1:PORT
"""
import json
import sys
import urllib.request


def fetch(base):
    with urllib.request.urlopen(base.rstrip("/") + "/__fixture/verdicts", timeout=10) as r:
        return json.load(r)


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    v = fetch(argv[1])
    print(f"fixture server: {v['accepted']}/{v['requests']} journey requests accepted, {v['rejected']} rejected")
    for kind, counts in sorted(v["by_check"].items()):
        mark = "✓" if counts["failed"] == 0 else "✗"
        print(f"  {mark} {kind:<20} {counts['ok']:>4} ok {counts['failed']:>4} failed")
    failed = [c for c in v["checks"] if not c["ok"]]
    for c in failed[:5]:
        print(f"    {c['method']} {c['path']}: {c['check']}: {c['detail']}")
    return 0 if v["requests"] > 0 and v["rejected"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
