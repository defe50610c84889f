#!/usr/bin/env bash
# GUI test: Magpie → Correlate… (suggest mode) in the real JMeter GUI under Xvfb. Opens a plan of
# the fixture shop's journey made without correlation (as a proxy recorder leaves it), chooses the
# shop's recording, checks the candidates table (one row per dynamic value, all to apply), applies
# them through the diff preview in place (no plan is loaded; the next analysis finds nothing left
# to apply), then Undo brings the candidates back. The user's .jmx is never written.
# Screenshots: build/test-output/gui/correlate/.
set -euo pipefail

GUI_TEST_NAME=gui-correlate
MAGPIE_GUI_OUT=${MAGPIE_GUI_OUT:-$(cd "$(dirname "$0")/../.." && pwd)/build/test-output/gui/correlate}
source "$(dirname "$0")/lib.sh"
gui_setup

uncorrelated_shop_plan
EXPECTED=$("$MAGPIE" correlate "$JMX" --har "$HAR" --diff | grep -c '^+.*testname="Extract ' || true)
[ "$EXPECTED" -gt 0 ] || fail "the CLI finds nothing to correlate in $JMX"

start_jmeter "$WORK/jmeter.log"
open_plan "$JMX"

# (the click that focuses the main window may select the thread group: then "within Users")
candidates() { grep -E "Magpie correlation candidates for shop.jmx( within [^:]*)? from shop.har: " "$LOG" | tail -n 1 | sed 's/.*from shop.har: //'; }
analysed_count() { grep -cF "Magpie correlation candidates for shop.jmx" "$LOG" || true; }
analysed_more_than() { [ "$(analysed_count)" -gt "$1" ]; }

# The thread group's right-click menu offers Correlate… too (row 1 of the tree, 20 px rows from
# y=65 in the window); the menu item is what this test then uses.
xdotool mousemove --window "$WIN" 100 85 click 3
wait_for "$STEP_TIMEOUT" "Magpie's item in the thread group's tree menu" log_has "added 'Magpie: Correlate…' to the tree menu of Users"
shot 00-tree-menu.png
xdotool key Escape
sleep 0.5
open_magpie_item c '^Correlate' 01-menu.png
choose_file "$HAR"
wait_for "$STEP_TIMEOUT" "'Magpie correlation candidates' in jmeter.log" log_has "Magpie correlation candidates for shop.jmx"
wait_for "$STEP_TIMEOUT" "the correlate dialog" visible_window '^Magpie: correlate$'
FIRST=$(candidates)
say "candidates: $FIRST"
echo "$FIRST" | grep -qE "^$EXPECTED to apply, 0 not applicable$" || fail "expected $EXPECTED to apply (as the CLI), got: $FIRST"
sleep 1
shot 02-candidates.png

DLG=$(xdotool search --onlyvisible --name '^Magpie: correlate$' | head -n 1)
focus_dialog() { xdotool mousemove --window "$DLG" 500 15 click 1; sleep 0.5; }
loads=$(grep -c "Load: Loading file" "$LOG" || true)
n=$(analysed_count)
focus_dialog
xdotool key alt+a    # Apply selected…
wait_for "$STEP_TIMEOUT" "the correlation preview" visible_window '^Magpie: preview correlations$'
sleep 1
shot 03-preview.png
xdotool key Return   # Apply (the default button)
wait_for "$STEP_TIMEOUT" "'Magpie correlated shop.jmx' in jmeter.log" log_has "Magpie correlated shop.jmx: "
APPLIED=$(grep -F "Magpie correlated shop.jmx: " "$LOG" | tail -n 1 | sed 's/.*Magpie correlated /Magpie correlated /')
echo "$APPLIED" | grep -qF "$EXPECTED correlations applied in place (" || fail "not applied in place: $APPLIED"
wait_for "$STEP_TIMEOUT" "the analysis after applying" analysed_more_than "$n"
AFTER=$(candidates)
echo "$AFTER" | grep -qE "^0 to apply, $EXPECTED not applicable$" || fail "after applying, expected nothing left: $AFTER"
[ "$(grep -c "Load: Loading file" "$LOG" || true)" = "$loads" ] || fail "applying loaded a plan"
sleep 1
shot 04-applied.png

n=$(analysed_count)
focus_dialog
xdotool key alt+u    # Undo
wait_for "$STEP_TIMEOUT" "'Magpie undid the last correlation' in jmeter.log" log_has "Magpie undid the last correlation on shop.jmx"
wait_for "$STEP_TIMEOUT" "the analysis after the undo" analysed_more_than "$n"
UNDONE=$(candidates)
[ "$UNDONE" = "$FIRST" ] || fail "after Undo: $UNDONE, not $FIRST"
sleep 1
shot 05-undone.png
[ "$(sha256sum "$JMX" | cut -d' ' -f1)" = "$JMX_SUM" ] || fail "the user's $JMX was written"
stop_jmeter
say "PASSED in $((SECONDS - T0))s: $FIRST; $APPLIED; then $AFTER; Undo: $UNDONE; the .jmx unwritten. Screenshots and logs: $OUT"
