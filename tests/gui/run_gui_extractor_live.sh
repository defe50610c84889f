#!/usr/bin/env bash
# GUI test: Create extractor from response… on the response of a real run, as a user does it:
# the shop's correlated plan (with a View Results Tree) runs in the JMeter GUI against a fresh
# fixture shop; right-click the login page's sampler → the dialog opens with that sampler's
# response from the View Results Tree (not from a recording: the CSRF token in it is the live
# one, which no recording holds); the live token gets validated extractors. The token is read
# from the responses a "Save Responses to a file" element of the plan wrote during the run.
# Screenshots: build/test-output/gui/extractor-live/.
set -euo pipefail

GUI_TEST_NAME=gui-extractor-live
MAGPIE_GUI_OUT=${MAGPIE_GUI_OUT:-$(cd "$(dirname "$0")/../.." && pwd)/build/test-output/gui/extractor-live}
source "$(dirname "$0")/lib.sh"
gui_setup

MAGPIE=${MAGPIE_BIN:-$ROOT/target/release/magpie}
[ -x "$MAGPIE" ] || fail "no magpie CLI at $MAGPIE (cargo build --release -p magpie-cli)"
start_shop
SAMPLER="02 GET /login"
JMX="$WORK/plans/live.jmx"
mkdir -p "$WORK/responses"
"$MAGPIE" har2jmx "$ROOT/jmeter-fixtures/har/shop.har" -o "$JMX" >/dev/null || fail "magpie har2jmx failed"
# The live shop's port as the plan's default; a View Results Tree and a Save Responses to a file
# at the end of the test plan (below the thread group, so the rows above stay where they are).
python3 - "$JMX" "$SHOP_PORT" "$WORK/responses/r_" <<'PY' || fail "could not prepare the plan"
import re, sys
path, port, prefix = sys.argv[1:]
text = open(path, encoding="utf-8").read()
text, n = re.subn(r"\$\{__P\(port,\d+\)\}", "${__P(port,%s)}" % port, text)
assert n == 1, n
extra = ('<ResultCollector guiclass="ViewResultsFullVisualizer" testclass="ResultCollector" testname="View Results Tree">'
         '<boolProp name="ResultCollector.error_logging">false</boolProp><stringProp name="filename"></stringProp>'
         '</ResultCollector><hashTree/>'
         '<ResultSaver guiclass="ResultSaverGui" testclass="ResultSaver" testname="Save Responses to a file">'
         f'<stringProp name="FileSaver.filename">{prefix}</stringProp></ResultSaver><hashTree/>')
last = text.rfind("</hashTree>")
end_of_plan = text.rfind("</hashTree>", 0, last)
open(path, "w", encoding="utf-8").write(text[:end_of_plan] + extra + text[end_of_plan:])
PY

start_jmeter "$WORK/jmeter.log"
open_plan "$JMX"
xdotool mousemove --window "$WIN" 60 60 click 1
sleep 0.5
xdotool key ctrl+r             # Run → Start
wait_for 60 "the end of the run in jmeter.log" log_has "Notifying test listeners of end of test"
sleep 1
TOKEN=$(cat "$WORK"/responses/r_* 2>/dev/null | grep -o 'name="csrf-token" content="[^"]*"' | head -n 1 | sed 's/.*content="//; s/"$//')
[ -n "$TOKEN" ] || fail "the run saved no page with a CSRF token (is the shop reachable? $(ls "$WORK/responses" | wc -l) responses saved)"
grep -qF "$TOKEN" "$ROOT/jmeter-fixtures/har/shop.har" && fail "the live token is in the recording: the test would prove nothing"
ACCEPTED=$(curl -s "http://127.0.0.1:$SHOP_PORT/__fixture/verdicts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accepted"])')
[ "$ACCEPTED" -gt 0 ] || fail "the shop accepted no request of the run"
shot 01-after-run.png

# Shop › Users (expanded) › Cookie Manager, Common headers, 01 …, Think time, 02 Sign in › 02 GET /login
xdotool key Home Down Right
sleep 0.5
xdotool key Down Down Down Down Down Right Down
sleep 1
open_tree_menu "$SAMPLER" 7
shot 02-tree-menu.png
xdotool key Up Return
wait_for "$STEP_TIMEOUT" "the Create extractor dialog" visible_window '^Magpie: create extractor$'
wait_for "$STEP_TIMEOUT" "the response from the View Results Tree" log_has "Magpie: response of $SAMPLER from a View Results Tree"
DLG=$(xdotool search --onlyvisible --name '^Magpie: create extractor$' | head -n 1)
xdotool mousemove --window "$DLG" 500 15 click 1
sleep 0.5
find_extractors "$TOKEN" "$SAMPLER"
sleep 1
shot 03-candidates.png
stop_jmeter
say "PASSED in $((SECONDS - T0))s: a GUI run against the live shop ($ACCEPTED requests accepted); $SAMPLER's response taken from the View Results Tree; $FOUND validated extractors for its live CSRF token. Screenshots and logs: $OUT"
