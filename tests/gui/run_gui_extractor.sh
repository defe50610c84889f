#!/usr/bin/env bash
# GUI test: Create extractor from response… in the real JMeter GUI under Xvfb, from the sampler's
# right-click menu in the tree. Opens a plan of the fixture shop's journey made without
# correlation, selects the sampler of the login page in the tree, right-clicks it, takes its
# response from the shop's recording (the core matches the sampler to the recorded request),
# selects the CSRF token in the body, asks for extractors (validated, best first), inserts the
# first one in place with later literals replaced, then Undo. The user's .jmx is never written.
# Screenshots: build/test-output/gui/extractor/.
set -euo pipefail

GUI_TEST_NAME=gui-extractor
MAGPIE_GUI_OUT=${MAGPIE_GUI_OUT:-$(cd "$(dirname "$0")/../.." && pwd)/build/test-output/gui/extractor}
source "$(dirname "$0")/lib.sh"
gui_setup

uncorrelated_shop_plan
SAMPLER="02 GET /login"
TOKEN=$(python3 -c "
import json,re,sys
h=json.load(open(sys.argv[1]))
for e in h['log']['entries']:
    m=re.search(r'name=\"csrf-token\" content=\"([^\"]+)\"', e['response']['content'].get('text',''))
    if m: print(m.group(1)); break" "$HAR")
[ -n "$TOKEN" ] || fail "no CSRF token in the recording"

start_jmeter "$WORK/jmeter.log"
open_plan "$JMX"
# Select the sampler with the keyboard (the plan's layout is har2jmx's): shop › Users (expanded)
# › Cookie Manager, Common headers, 01 …, Think time, 02 Sign in (expanded) › 02 GET /login.
xdotool mousemove --window "$WIN" 60 60 click 1
sleep 0.5
shot 01-plan.png
xdotool key Home Down Right
sleep 0.5
xdotool key Down Down Down Down Down Right Down
sleep 1
shot 02-sampler-selected.png

log_has "Magpie: the selected node" && fail "wrong node selected"
# Right-click the sampler (row 7): its tree menu ends with Magpie's item (TreePopupItems).
open_tree_menu "$SAMPLER" 7
log_has "added 'Magpie: Create extractor from response…' to the tree menu of $SAMPLER" ||
    fail "the sampler's tree menu lacks Create extractor from response…"
shot 03-tree-menu.png
xdotool key Up Return          # the last item of the menu: Magpie's
wait_for "$STEP_TIMEOUT" "the Create extractor dialog" visible_window '^Magpie: create extractor$'
DLG=$(xdotool search --onlyvisible --name '^Magpie: create extractor$' | head -n 1)
focus_dialog() { xdotool mousemove --window "$DLG" 500 15 click 1; sleep 0.5; }
focus_dialog
xdotool key alt+r              # From a recording (HAR)…
sleep 1.5
choose_file "$HAR"
wait_for "$STEP_TIMEOUT" "the recorded response of $SAMPLER" log_has "Magpie: response of $SAMPLER from shop.har entry"
focus_dialog
find_extractors "$TOKEN" "$SAMPLER"
sleep 1
shot 04-candidates.png
focus_dialog
xdotool key alt+i              # Insert
wait_for "$STEP_TIMEOUT" "the extractor preview" visible_window '^Magpie: preview extractor$'
sleep 1
shot 05-preview.png
xdotool key Return             # Apply
wait_for "$STEP_TIMEOUT" "'Magpie inserted extractor' in jmeter.log" log_has "Magpie inserted extractor "
INSERTED=$(grep -F "Magpie inserted extractor " "$LOG" | tail -n 1 | sed 's/.*Magpie inserted /Magpie inserted /')
echo "$INSERTED" | grep -qE "^Magpie inserted extractor csrf_token under $SAMPLER in place \([0-9]+ tree operations\), [1-9][0-9]* later literals replaced$" ||
    fail "unexpected: $INSERTED"
sleep 1
shot 06-inserted.png
focus_dialog
xdotool key alt+u              # Undo
wait_for "$STEP_TIMEOUT" "'Magpie undid the last extractor' in jmeter.log" log_has "Magpie undid the last extractor on shop.jmx"
[ "$(sha256sum "$JMX" | cut -d' ' -f1)" = "$JMX_SUM" ] || fail "the user's $JMX was written"
stop_jmeter
say "PASSED in $((SECONDS - T0))s: $FOUND candidates for the CSRF token of $SAMPLER; $INSERTED; undone; the .jmx unwritten. Screenshots and logs: $OUT"
