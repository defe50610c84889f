#!/usr/bin/env bash
# The Magpie demo, end to end on the bundled fixture shop:
#   recording (jmeter-fixtures/har/shop.har, made by a real Chromium against another server
#   instance) → magpie har2jmx (correlation) → real JMeter 5.6.3 non-GUI run against a FRESH
#   server instance with new secrets → one-screen summary with the server's own verdicts.
# Installs what is missing and builds what is stale first.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
OUT="$ROOT/out/demo"
THREADS="${THREADS:-2}"
LOOPS="${LOOPS:-2}"

bash scripts/setup.sh
echo "demo: building Magpie and assembling JMeter 5.6.3 (cached after the first run)…"
gradle --no-daemon -q jmeterHome installPlugin

rm -rf "$OUT" && mkdir -p "$OUT"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; true; }
trap cleanup EXIT

# A fresh shop instance: new secrets, so nothing recorded is valid unless correlated.
# The real interpreter, not a version-manager shim, so $! is the server itself and stopping it works.
PYTHON=$(python3 -c 'import sys; print(sys.executable)')
"$PYTHON" jmeter-fixtures/apps/shop/server.py --port 0 >"$OUT/server.out" 2>"$OUT/server.log" &
SERVER_PID=$!
URL=""
for _ in $(seq 1 100); do
  URL=$(sed -n 's/^LISTENING //p' "$OUT/server.out" | head -1)
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { echo "demo: the fixture server did not start" >&2; cat "$OUT/server.log" >&2; exit 1; }
PORT=${URL##*:}

echo
echo "1. recording:   jmeter-fixtures/har/shop.har"
echo "2. correlating: magpie har2jmx jmeter-fixtures/har/shop.har -o $OUT/shop.jmx"
"$ROOT/target/release/magpie" har2jmx jmeter-fixtures/har/shop.har -o "$OUT/shop.jmx" | sed 's/^/   /'

echo "3. replaying:   jmeter -n -t shop.jmx against $URL ($THREADS threads × $LOOPS loops)"
"$ROOT/build/jmeter/bin/jmeter" -n -t "$OUT/shop.jmx" -l "$OUT/results.jtl" -j "$OUT/jmeter.log" \
  -Jjmeter.save.saveservice.output_format=csv -Jjmeter.save.saveservice.print_field_names=true \
  -Jprotocol=http -Jhost=127.0.0.1 -Jport="$PORT" -Jthreads="$THREADS" -Jloops="$LOOPS" -Jrampup=1 -Jthink_ms=0 \
  >"$OUT/jmeter.out" 2>&1 || { echo "demo: JMeter failed, see $OUT/jmeter.log" >&2; exit 1; }

echo "4. report:       magpie report results.jtl --html report.html --threshold 'errors<1%'"
report_rc=0
"$ROOT/target/release/magpie" report "$OUT/results.jtl" --html "$OUT/report.html" --threshold 'errors<1%' | sed 's/^/   /' || report_rc=$?
python3 jmeter-fixtures/apps/shop/verdicts.py "$URL" | sed 's/^/   /'
echo
echo "files: $OUT (plan, results.jtl, report.html, jmeter.log)"
exit "$report_rc"
