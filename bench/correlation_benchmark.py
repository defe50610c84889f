#!/usr/bin/env python3
"""Correlation benchmark: `magpie correlate --report` on every labelled fixture recording,
scored against its ground truth; precision and recall per app and overall.

    python3 bench/correlation_benchmark.py [-v] [--json] [--magpie target/release/magpie]
           [--min-precision P] [--min-recall R]

Ground truth: jmeter-fixtures/apps/<app>/labels.json lists every request field that carries a
dynamic value — HAR entry, where (`path`, `query`, `form`, `json`, `header`), field name — with
its kind (`extracted` from an earlier response, `client_generated`, `derived`) and, for extracted
values, the entry whose response issued it. `optional` fields may be correlated or not (constants
a server also prints, unchecked client state). Session cookies are the Cookie Manager's and not
labelled.

Scoring, per request field the engine reports (a value's uses): a true positive when the truth
has that field with the same kind (and the same origin entry, for extracted values); a false
positive when the field is not labelled dynamic (or the kind/origin is wrong); a false negative
for every labelled field left unmatched. Exit 1 when a --min bound is missed."""
import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APPS = REPO / "jmeter-fixtures" / "apps"


def predictions(magpie, har):
    out = subprocess.run([str(magpie), "correlate", str(har), "--report", "--format", "json"],
                         capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise SystemExit(f"magpie correlate {har} failed ({out.returncode}): {out.stderr.strip()}")
    report = json.loads(out.stdout)
    for c in report["correlations"]:
        origin = (c.get("origin") or {}).get("entry")
        for u in c["uses"]:
            yield {"entry": u["entry"], "in": u["location"], "name": u["name"], "kind": c["kind"],
                   "origin": origin, "value": c["value"]}


def score(labels, predicted):
    """(true positives, false positives, false negatives) as lists of fields."""
    key = lambda f: (f["entry"], f["in"], f["name"])  # noqa: E731
    truth = list(labels["dynamic"])
    optional = {key(o) for o in labels.get("optional", [])}
    tp, fp = [], []
    for p in predicted:
        match = next((t for t in truth if key(t) == key(p) and t["kind"] == p["kind"]
                      and (t["kind"] != "extracted" or t.get("origin") == p["origin"])), None)
        if match is not None:
            truth.remove(match)
            tp.append(p)
        elif key(p) not in optional:
            fp.append(p)
    return tp, fp, truth


def ratio(a, b):
    return a / b if b else 1.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--magpie", default=str(REPO / "target" / "release" / "magpie"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list every false positive and negative")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--min-precision", type=float, default=0.0)
    ap.add_argument("--min-recall", type=float, default=0.0)
    args = ap.parse_args()

    rows, totals = [], [0, 0, 0]
    for labels_file in sorted(APPS.glob("*/labels.json")):
        labels = json.loads(labels_file.read_text())
        har = REPO / "jmeter-fixtures" / "har" / labels["recording"]
        tp, fp, fn = score(labels, list(predictions(args.magpie, har)))
        rows.append({"app": labels_file.parent.name, "recording": labels["recording"], "tp": len(tp), "fp": len(fp),
                     "fn": len(fn), "precision": ratio(len(tp), len(tp) + len(fp)), "recall": ratio(len(tp), len(tp) + len(fn)),
                     "false_positives": fp, "false_negatives": fn})
        for i, n in enumerate((tp, fp, fn)):
            totals[i] += len(n)
    precision = ratio(totals[0], totals[0] + totals[1])
    recall = ratio(totals[0], totals[0] + totals[2])

    if args.json:
        print(json.dumps({"apps": rows, "tp": totals[0], "fp": totals[1], "fn": totals[2],
                          "precision": precision, "recall": recall}, indent=2))
    else:
        print(f"{'app':<11} {'recording':<24} {'TP':>3} {'FP':>3} {'FN':>3}  precision  recall")
        for r in rows:
            print(f"{r['app']:<11} {r['recording']:<24} {r['tp']:>3} {r['fp']:>3} {r['fn']:>3}  "
                  f"{r['precision']:>9.2f}  {r['recall']:>6.2f}")
            if args.verbose:
                for p in r["false_positives"]:
                    print(f"    FP entry {p['entry']} {p['in']} {p['name']} ({p['kind']}, origin {p['origin']}): {p['value'][:40]}")
                for t in r["false_negatives"]:
                    print(f"    FN entry {t['entry']} {t['in']} {t['name']} ({t['kind']}, origin {t.get('origin')})")
        print(f"{'all':<11} {len(rows):>2} recordings{'':<12} {totals[0]:>3} {totals[1]:>3} {totals[2]:>3}  "
              f"{precision:>9.2f}  {recall:>6.2f}")
    if precision < args.min_precision or recall < args.min_recall:
        print(f"below the bound: precision {precision:.2f} (min {args.min_precision}), recall {recall:.2f} (min {args.min_recall})",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
