#!/usr/bin/env bash
# GUI test: Magpie → Analyse results… in the real JMeter GUI under Xvfb. Chooses a JTL from the
# shared corpus (CSV, 18 labels, 10 % errors), checks that the core's summary and diagnosis are
# shown, that jmeter.log names the sample and error counts, and that the self-contained HTML
# report was written next to the JTL. Screenshots: build/test-output/gui/report/.
set -euo pipefail

GUI_TEST_NAME=gui-report
MAGPIE_GUI_OUT=${MAGPIE_GUI_OUT:-$(cd "$(dirname "$0")/../.." && pwd)/build/test-output/gui/report}
source "$(dirname "$0")/lib.sh"
gui_setup

JTL_SRC="$ROOT/../shared/corpus/jtl/taurus__slow-stdev.jtl"
JTL="$WORK/plans/run.jtl"
if [ -f "$JTL_SRC" ]; then
    cp "$JTL_SRC" "$JTL"
else # without the shared corpus: a small run with one failing step
    printf 'timeStamp,elapsed,label,responseCode,responseMessage,threadName,success\n' >"$JTL"
    for i in $(seq 0 99); do
        printf '%d,%d,GET /home,200,OK,T 1-%d,true\n%d,%d,POST /cart,403,Forbidden,T 1-%d,false\n' \
            $((1700000000000 + i * 100)) $((40 + i)) $((i % 4)) $((1700000000050 + i * 100)) $((20 + i)) $((i % 4)) >>"$JTL"
    done
fi
HTML="$WORK/plans/run.report.html"

start_jmeter "$WORK/jmeter.log"
open_magpie_item r '^Analyse results$' 01-menu.png
choose_file "$JTL"
wait_for "$STEP_TIMEOUT" "'Magpie analysed run.jtl' in jmeter.log" log_has "Magpie analysed run.jtl: "
wait_for "$STEP_TIMEOUT" "the results dialog" visible_window '^Magpie: results'
sleep 1
shot 02-results.png
LINE=$(grep -F "Magpie analysed run.jtl: " "$LOG" | tail -n 1 | sed 's/.*Magpie analysed /Magpie analysed /')
echo "$LINE" | grep -qE "^Magpie analysed run.jtl: [0-9]+ samples, [0-9]+ errors; HTML report " || fail "unexpected log line: $LINE"
[ -s "$HTML" ] || fail "no HTML report at $HTML"
grep -q "<svg" "$HTML" || fail "the HTML report has no plots"
xdotool key Escape    # Close
sleep 1
visible_window '^Magpie: results' >/dev/null 2>&1 && fail "the results dialog did not close"
stop_jmeter
say "PASSED in $((SECONDS - T0))s: $LINE; screenshots and logs: $OUT"
