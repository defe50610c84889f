#!/usr/bin/env python3
"""Prints the fixture shop's own verdicts on one screen: accepted/rejected journey requests, then
ok/failed counts per kind of dynamic value (a..e) and per check, then the first failures.
Exit 0 when there were journey requests and every one was accepted, 1 otherwise, 2 when the
server cannot be asked.

    python3 verdicts.py http://127.0.0.1:PORT
"""
import json
import sys
import urllib.error
import urllib.request


def fetch(base):
    with urllib.request.urlopen(base.rstrip("/") + "/__fixture/verdicts", timeout=10) as r:
        return json.load(r)


def table(title, counts):
    lines = [title]
    for name, c in sorted(counts.items()):
        mark = "✓" if c["failed"] == 0 else "✗"
        lines.append(f"  {mark} {name:<26} {c['ok']:>5} ok {c['failed']:>5} failed")
    return lines


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        v = fetch(argv[1])
    except (urllib.error.URLError, OSError, ValueError) as e:
        print(f"verdicts: cannot read {argv[1]}/__fixture/verdicts: {e}", file=sys.stderr)
        return 2
    print(f"fixture server: {v['accepted']}/{v['requests']} journey requests accepted, {v['rejected']} rejected")
    print("\n".join(table("per kind of dynamic value:", v.get("by_kind", {}))))
    print("\n".join(table("per check:", v.get("by_check", {}))))
    failed = [c for c in v["checks"] if not c["ok"]]
    if failed:
        print(f"first failures ({len(failed)} in all):")
        for c in failed[:5]:
            print(f"    {c['method']} {c['path']}: {c['check']}: {c['detail']}")
    return 0 if v["requests"] > 0 and v["rejected"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
