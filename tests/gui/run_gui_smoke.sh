#!/usr/bin/env bash
# GUI smoke test: the real Apache JMeter GUI, with the Magpie jar in lib/ext, on a private Xvfb display.
#
# Drives JMeter like a user with xdotool: opens the Magpie menu, runs Import HAR… on a recording
# (jmeter-fixtures/har/shop.har, else the repo's synthetic-correlation.har, else a corpus HAR),
# accepts the default output name (HAR name with .jmx, same folder = a temp dir), imports an
# invalid HAR, shows About Magpie, and runs Assess plan… on the open plan (selects a finding, then
# previews and applies a fix: Fix all safe…, else Fix selected… on the first fixable finding). Then it restarts JMeter with a native library that cannot
# load (-Dmagpie.native.path=<not a library>) and tries Import HAR… again.
# Passes only if jmeter.log shows the plugin created its menu, imported and opened the plan in the
# tree, the window title names the new plan, the .jmx was written, About reached the native core,
# the invalid HAR produced an error dialog and no .jmx, the assessment logged a score and selected a
# finding's element, an applied fix reloaded the plan under its own name, modified (File → Close asks to
# save) with the .jmx on disk unchanged, and the broken native library produced a
# "cannot load the native library" error dialog (menu still alive, nothing written).
#
# Screenshots and the JMeter log go to build/test-output/gui/smoke/; needs as in tests/gui/lib.sh.
# Exit 0 = passed; anything else = failed, with the reason on stderr.
set -euo pipefail

GUI_TEST_NAME=gui-smoke
MAGPIE_GUI_OUT=${MAGPIE_GUI_OUT:-$(cd "$(dirname "$0")/../.." && pwd)/build/test-output/gui/smoke}
source "$(dirname "$0")/lib.sh"
gui_setup

HAR_SRC=""
for candidate in "$ROOT/jmeter-fixtures/har/shop.har" \
                 "$ROOT/jmeter-fixtures/har/synthetic-correlation.har" \
                 "$ROOT/../shared/corpus/har/gatling__firefox56-form.har"; do
    if [ -f "$candidate" ]; then HAR_SRC=$candidate; break; fi
done
[ -n "$HAR_SRC" ] || fail "no HAR to import (looked for jmeter-fixtures/har/shop.har and fallbacks)"

LOG="$WORK/jmeter.log"
HAR="$WORK/plans/$(basename "$HAR_SRC")"
cp "$HAR_SRC" "$HAR"
JMX="${HAR%.har}.jmx"
BROKEN="$WORK/plans/broken.har"
printf '{"log": {"version": "1.2", "entries": "not a list"}}\n' >"$BROKEN"
say "JMeter: $JMETER_HOME, plugin: $(basename "${jars[0]}"), HAR: $HAR_SRC"

# ------------------------------------------------------------------------------------------
# 1. Magpie → Import HAR… on a real recording

start_jmeter "$WORK/jmeter.log"
open_magpie_item i '^Import HAR$' 01-magpie-menu.png
choose_file "$HAR"
wait_for "$STEP_TIMEOUT" "the save chooser" visible_window '^Save the JMeter plan as$'
sleep 0.5
shot 02-save-chooser.png
xdotool key Return    # accept the proposed name: the HAR's, with .jmx, in the same folder

wait_for "$STEP_TIMEOUT" "'Magpie imported $JMX' in jmeter.log" log_has "Magpie imported $JMX: "
wait_for "$STEP_TIMEOUT" "'Magpie opened $JMX in the tree' in jmeter.log" log_has "Magpie opened $JMX in the tree"
wait_for "$STEP_TIMEOUT" "the main window titled with the new plan" visible_window "^$(basename "$JMX") \\("
wait_for "$STEP_TIMEOUT" "the import summary dialog" visible_window '^Import HAR$'
sleep 1
shot 03-import-summary.png
[ -s "$JMX" ] || fail "$JMX was not written"
grep -q '<jmeterTestPlan' "$JMX" || fail "$JMX is not a JMeter plan"
IMPORTED=$(grep -F "Magpie imported $JMX: " "$LOG" | tail -n 1 | sed 's/.*Magpie imported /Magpie imported /')
say "$IMPORTED"
xdotool key Return    # close the summary
sleep 1
xdotool mousemove --window "$WIN" 120 400 click 1   # focus the tree (empty area)
sleep 0.5
xdotool key Right     # expand the selected thread group
sleep 1
shot 04-plan-in-tree.png

# ------------------------------------------------------------------------------------------
# 2. Import HAR… on an invalid HAR: an error dialog, no plan written, the open plan untouched

open_magpie_item i '^Import HAR$'
choose_file "$BROKEN"
wait_for "$STEP_TIMEOUT" "the save chooser" visible_window '^Save the JMeter plan as$'
sleep 0.5
xdotool key Return
wait_for "$STEP_TIMEOUT" "'Magpie import of $BROKEN failed' in jmeter.log" log_has "Magpie import of $BROKEN failed"
wait_for "$STEP_TIMEOUT" "the error dialog" visible_window '^Import HAR failed$'
sleep 1
shot 05-import-error.png
[ ! -e "${BROKEN%.har}.jmx" ] || fail "a plan was written for the invalid HAR"
visible_window "^$(basename "$JMX") \\(" >/dev/null || fail "the open plan changed after a failed import"
xdotool key Return
sleep 0.5

# ------------------------------------------------------------------------------------------
# 3. Magpie → About Magpie: the native core answers

open_magpie_item a '^About Magpie$'
wait_for "$STEP_TIMEOUT" "'Magpie core {' in jmeter.log" log_has "Magpie core {"
sleep 1
shot 06-about.png
xdotool key Return
say "$(grep -F 'Magpie core {' "$LOG" | tail -n 1 | sed 's/.*Magpie core /native core: /')"
sleep 0.5

# ------------------------------------------------------------------------------------------
# 4. Magpie → Assess plan… on the imported plan (as the tree shows it): a score and findings; a
#    finding selects its element in JMeter's tree; Fix all safe… (or, without safe fixes, Fix
#    selected… on the first fixable finding, confirming an unsafe fix) → preview → Apply changes
#    JMeter's tree in place (no plan is loaded), the score changes; Undo last fix brings the first
#    score back; the plan stays under its own name, modified (closing asks to save), the user's
#    file unwritten.

JMX_SUM=$(sha256sum "$JMX" | cut -d' ' -f1)
JMX_NAME=$(basename "$JMX")
assessed_count() { grep -cF "Magpie assessed $JMX_NAME: score " "$LOG" || true; }
selected_count() { grep -cF "Magpie selected element " "$LOG" || true; }
# Wait conditions re-read the log on every poll (a "$(count)" argument would be read once only)
assessed_more_than() { [ "$(assessed_count)" -gt "$1" ]; }
selected_more_than() { [ "$(selected_count)" -gt "$1" ]; }
open_magpie_item s '^Magpie: assess plan'
wait_for "$STEP_TIMEOUT" "'Magpie assessed $JMX_NAME: score' in jmeter.log" log_has "Magpie assessed $JMX_NAME: score "
ASSESSED=$(grep -F "Magpie assessed $JMX_NAME: score " "$LOG" | tail -n 1 | sed 's/.*Magpie assessed /Magpie assessed /')
echo "$ASSESSED" | grep -qE "^Magpie assessed $JMX_NAME: score [0-9]+, [0-9]+ findings \([0-9]+ fixable, [0-9]+ safely\)$" ||
    fail "the assessment log line names no score: $ASSESSED"
say "$ASSESSED"
FINDINGS=$(echo "$ASSESSED" | sed -E 's/.*, ([0-9]+) findings .*/\1/')
FIXABLE=$(echo "$ASSESSED" | sed -E 's/.*\(([0-9]+) fixable.*/\1/')
SAFE=$(echo "$ASSESSED" | sed -E 's/.*, ([0-9]+) safely\)$/\1/')
ASSESS_WIN=$(xdotool search --onlyvisible --name '^Magpie: assess plan' | head -n 1)
# focus_results: a click on the score line (no WM here to give the dialog the keyboard focus);
# the findings table is the dialog's focus owner
focus_results() { xdotool mousemove --window "$ASSESS_WIN" 600 15 click 1; sleep 0.5; }
if [ "$FINDINGS" -gt 0 ]; then
    focus_results
    xdotool key Down    # the findings table has the focus: select its first row
    wait_for "$STEP_TIMEOUT" "'Magpie selected element' in jmeter.log" log_has "Magpie selected element "
    say "$(grep -F 'Magpie selected element ' "$LOG" | tail -n 1 | sed 's/.*Magpie selected/selected/')"
fi
sleep 1
shot 08-assess.png

FIXED=""
PREVIEW=""
if [ "$SAFE" -gt 0 ]; then
    focus_results
    xdotool key alt+a    # Fix all safe…
    PREVIEW="Fix all safe…"
elif [ "$FIXABLE" -gt 0 ]; then
    # Down the table to the first finding with a fix (the log names each selected finding's fix)
    for _ in $(seq "$FINDINGS"); do
        grep -F "Magpie selected element " "$LOG" | tail -n 1 | grep -qE 'safe fix\)$' && break
        n=$(selected_count)
        focus_results
        xdotool key Down
        wait_for "$STEP_TIMEOUT" "the next finding selected" selected_more_than "$n"
    done
    LAST=$(grep -F "Magpie selected element " "$LOG" | tail -n 1)
    echo "$LAST" | grep -qE 'safe fix\)$' || fail "no fixable finding reached in the table ($FIXABLE fixable)"
    focus_results
    xdotool key alt+s    # Fix selected…
    PREVIEW="Fix selected… ($(echo "$LAST" | sed -E 's/.* for ([A-Z0-9]+).*/\1/'))"
    if echo "$LAST" | grep -qF 'unsafe fix)'; then
        wait_for "$STEP_TIMEOUT" "the unsafe fix question" visible_window '^Unsafe fix$'
        sleep 0.5
        xdotool key Return    # Yes (the default button)
        PREVIEW="$PREVIEW, unsafe, confirmed"
    fi
fi
if [ -n "$PREVIEW" ]; then
    wait_for "$STEP_TIMEOUT" "the fix preview ($PREVIEW)" visible_window '^Magpie: preview fixes$'
    sleep 1
    shot 09-fix-preview.png
    n=$(assessed_count)
    loads=$(grep -c "Load: Loading file" "$LOG" || true)
    xdotool key Return    # Apply (the default button)
    wait_for "$STEP_TIMEOUT" "'Magpie applied' in jmeter.log" log_has "Magpie applied "
    FIXED=$(grep -F "Magpie applied " "$LOG" | tail -n 1 | sed 's/.*Magpie applied /Magpie applied /')
    echo "$FIXED" | grep -qF " in place (" || fail "the fix was not applied to the tree in place: $FIXED"
    wait_for "$STEP_TIMEOUT" "the assessment after the fix" assessed_more_than "$n"
    [ "$(grep -c "Load: Loading file" "$LOG" || true)" = "$loads" ] || fail "applying the fix loaded a plan"
    SCORE_BEFORE=$(echo "$ASSESSED" | sed -E 's/.*: (score [0-9]+, [0-9]+ findings).*/\1/')
    AFTER_FIX=$(grep -F "Magpie assessed $JMX_NAME: score " "$LOG" | tail -n 1 | sed -E 's/.*: (score [0-9]+, [0-9]+ findings).*/\1/')
    [ "$AFTER_FIX" != "$SCORE_BEFORE" ] || fail "the fix changed nothing: still $AFTER_FIX"
    sleep 1
    shot 09-fixed-in-place.png
    # Undo last fix: the first assessment again, still in place
    n=$(assessed_count)
    focus_results
    xdotool key alt+u    # Undo last fix
    wait_for "$STEP_TIMEOUT" "'Magpie undid the last fix' in jmeter.log" log_has "Magpie undid the last fix on $JMX_NAME"
    wait_for "$STEP_TIMEOUT" "the assessment after the undo" assessed_more_than "$n"
    AFTER_UNDO=$(grep -F "Magpie assessed $JMX_NAME: score " "$LOG" | tail -n 1 | sed -E 's/.*: (score [0-9]+, [0-9]+ findings).*/\1/')
    [ "$AFTER_UNDO" = "$SCORE_BEFORE" ] || fail "Undo last fix gave $AFTER_UNDO, not the first $SCORE_BEFORE"
    [ "$(grep -c "Load: Loading file" "$LOG" || true)" = "$loads" ] || fail "undoing the fix loaded a plan"
    say "fixed ($AFTER_FIX), undone ($AFTER_UNDO), both in place"
    wait_for "$STEP_TIMEOUT" "the main window titled with the plan's own file" visible_window "^$JMX_NAME \\($JMX\\)"
    sleep 1
    shot 09-fixed.png
    [ "$(sha256sum "$JMX" | cut -d' ' -f1)" = "$JMX_SUM" ] || fail "applying fixes wrote the user's $JMX"
    FIXED="$FIXED by $PREVIEW; then $AFTER_FIX; Undo last fix: $AFTER_UNDO"
    say "$FIXED"
    # The plan is modified (fixed, then undone, never saved): File → Close asks whether to save it;
    # Cancel keeps it open.
    focus_results
    xdotool key alt+c    # close the results dialog (it covers the tree)
    wait_for "$STEP_TIMEOUT" "the results dialog to close" sh -c "! xdotool search --onlyvisible --name '^Magpie: assess plan'"
    xdotool mousemove --window "$WIN" 120 400 click 1
    sleep 0.5
    xdotool key ctrl+l    # File → Close
    wait_for "$STEP_TIMEOUT" "JMeter's 'Save?' question on closing the fixed plan" visible_window '^Save\?$'
    sleep 0.5
    shot 10-close-asks-save.png
    xdotool key Escape
    sleep 1
    visible_window "^$JMX_NAME \\(" >/dev/null || fail "cancelling the close question closed the plan"
else
    say "the plan has no fixable finding: Fix… not exercised"
fi
stop_jmeter

# ------------------------------------------------------------------------------------------
# 5. A native library that cannot be loaded: a clear error dialog, the menu still works, nothing written

NOT_A_LIB="$WORK/plans/not-a-library.so"
printf 'this is not a shared library\n' >"$NOT_A_LIB"
rm -f "$JMX"
start_jmeter "$WORK/jmeter-native-failure.log" "-Dmagpie.native.path=$NOT_A_LIB"
open_magpie_item i '^Import HAR$'
choose_file "$HAR"
wait_for "$STEP_TIMEOUT" "the save chooser" visible_window '^Save the JMeter plan as$'
sleep 0.5
xdotool key Return
wait_for "$STEP_TIMEOUT" "'Magpie import of $HAR failed' in jmeter.log" log_has "Magpie import of $HAR failed"
wait_for "$STEP_TIMEOUT" "the error dialog" visible_window '^Import HAR failed$'
log_has "cannot load the native library" || fail "the native loading failure is not explained in jmeter.log"
sleep 1
shot 07-native-failure.png
[ ! -e "$JMX" ] || fail "a plan was written although the native library did not load"
xdotool key Return
stop_jmeter

say "PASSED in $((SECONDS - T0))s: Magpie menu created; Import HAR… wrote and opened $(basename "$HAR" .har).jmx ($IMPORTED); invalid HAR reported, nothing written; About reached the core; Assess plan… ($ASSESSED) selected a finding's element${FIXED:+; $FIXED, file unwritten, close asks to save}; an unloadable native library gave an error dialog. Screenshots and logs: $OUT"
