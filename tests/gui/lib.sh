#!/usr/bin/env bash
# Shared by the GUI tests (tests/gui/run_gui_*.sh): a private Xvfb display, the real JMeter GUI
# in its own process group, xdotool helpers, screenshots, bounded waits, cleanup of exactly what
# the test started. Source it after setting GUI_TEST_NAME (used in messages and as the output
# folder name), then call gui_setup.
#
# Screenshots and the JMeter log go to build/test-output/gui/$GUI_TEST_NAME/ (MAGPIE_GUI_OUT to
# change). Needs: JMETER_HOME (default <repo>/build/jmeter, made by `gradle jmeterHome
# installPlugin`), Xvfb, imagemagick's `import`, xdotool (installed with apt-get when missing and
# running as root).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JMETER_HOME=${JMETER_HOME:-$ROOT/build/jmeter}
OUT=${MAGPIE_GUI_OUT:-$ROOT/build/test-output/gui/$GUI_TEST_NAME}
STARTUP_TIMEOUT=${MAGPIE_GUI_STARTUP_TIMEOUT:-120}   # seconds for JMeter's main window
STEP_TIMEOUT=${MAGPIE_GUI_STEP_TIMEOUT:-30}          # seconds for each dialog / log line
T0=$SECONDS

say() { printf '%s: %s\n' "$GUI_TEST_NAME" "$*" >&2; }

WORK=""
XVFB_PID=""
SERVER_PID=""
JMETER_PID=""
LOG=""

# end_process PID: TERM, up to 3 s to exit, then KILL (nothing when PID is empty or gone).
end_process() {
    [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
    kill -TERM "$1" 2>/dev/null
    for _ in $(seq 10); do kill -0 "$1" 2>/dev/null || break; sleep 0.3; done
    kill -KILL "$1" 2>/dev/null
}

cleanup() {
    local rc=$?
    set +e
    if [ -n "$JMETER_PID" ] && kill -0 "$JMETER_PID" 2>/dev/null; then
        kill -TERM -- "-$JMETER_PID" 2>/dev/null || kill -TERM "$JMETER_PID" 2>/dev/null
        for _ in $(seq 20); do kill -0 "$JMETER_PID" 2>/dev/null || break; sleep 0.5; done
        kill -KILL -- "-$JMETER_PID" 2>/dev/null || kill -KILL "$JMETER_PID" 2>/dev/null
    fi
    end_process "$SERVER_PID"
    end_process "$XVFB_PID"
    if [ -n "$LOG" ] && [ -f "$LOG" ]; then cp "$LOG" "$OUT/$(basename "$LOG")"; fi
    if [ -n "$WORK" ]; then rm -rf "$WORK"; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
    say "FAILED: $*"
    if [ -n "${DISPLAY:-}" ] && [ -n "$XVFB_PID" ]; then
        import -window root "$OUT/failure.png" 2>/dev/null && say "screen at failure: $OUT/failure.png"
    fi
    if [ -n "$LOG" ] && [ -f "$LOG" ]; then
        say "last Magpie/ERROR lines of jmeter.log:"
        grep -E 'Magpie|magpie|ERROR' "$LOG" | tail -n 15 | cut -c1-300 >&2 || true
    fi
    exit 1
}

# wait_for SECONDS WHAT COMMAND...: runs COMMAND every 0.5 s until it succeeds; fails after SECONDS.
wait_for() {
    local limit=$1 what=$2
    shift 2
    local deadline=$((SECONDS + limit))
    until "$@" >/dev/null 2>&1; do
        if [ -n "$JMETER_PID" ] && ! kill -0 "$JMETER_PID" 2>/dev/null; then
            fail "JMeter exited while waiting for $what"
        fi
        [ "$SECONDS" -lt "$deadline" ] || fail "timed out after ${limit}s waiting for $what"
        sleep 0.5
    done
}

log_has() { grep -qF -- "$1" "$LOG"; }
visible_window() { xdotool search --onlyvisible --name "$1"; }
shot() { import -window root "$OUT/$1"; say "screenshot $OUT/$1"; }

# ------------------------------------------------------------------------------------------
# gui_setup: checks the preconditions, makes the work folder ($WORK, with home/ and plans/) and
# the output folder, starts a private X display ($DISPLAY).
gui_setup() {

    [ -x "$JMETER_HOME/bin/jmeter" ] ||
        fail "no JMeter at $JMETER_HOME (run: gradle jmeterHome installPlugin, or set JMETER_HOME)"
    shopt -s nullglob
    jars=("$JMETER_HOME"/lib/ext/magpie-*.jar)
    shopt -u nullglob
    [ ${#jars[@]} -ge 1 ] || fail "no magpie-*.jar in $JMETER_HOME/lib/ext (run: gradle installPlugin)"
    [ ${#jars[@]} -eq 1 ] || fail "several Magpie jars in $JMETER_HOME/lib/ext: ${jars[*]}"

    command -v Xvfb >/dev/null || fail "Xvfb is not installed (apt-get install xvfb)"
    command -v import >/dev/null || fail "imagemagick's import is not installed (apt-get install imagemagick)"
    if ! command -v xdotool >/dev/null; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            say "installing xdotool"
            apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xdotool >/dev/null ||
                fail "could not install xdotool"
        else
            fail "xdotool is not installed (apt-get install xdotool)"
        fi
    fi

    mkdir -p "$OUT"
    rm -f "$OUT"/*.png "$OUT"/*.log
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/magpie-$GUI_TEST_NAME.XXXXXX")
    mkdir -p "$WORK/home" "$WORK/plans"

    local n DISPLAY_NUM=""
    for n in $(seq 91 140); do
        if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then DISPLAY_NUM=$n; break; fi
    done
    [ -n "$DISPLAY_NUM" ] || fail "no free X display number in :91..:140"
    Xvfb ":$DISPLAY_NUM" -screen 0 1280x900x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
    XVFB_PID=$!
    export DISPLAY=":$DISPLAY_NUM"
    wait_for 15 "Xvfb on $DISPLAY" xdotool getdisplaygeometry
    say "Xvfb on $DISPLAY (pid $XVFB_PID)"
}

# ------------------------------------------------------------------------------------------
# The real JMeter GUI, in its own process group (so cleanup can end exactly what it started)

# start_jmeter LOGFILE [extra JVM args]: starts the GUI, waits for its main window and the menu
start_jmeter() {
    LOG=$1
    shift
    local extra="$*"
    (
        cd "$WORK"
        export HOME="$WORK/home"
        export HEAP="-Xms256m -Xmx768m -XX:MaxMetaspaceSize=256m"
        export JVM_ARGS="-Duser.home=$WORK/home -Dmagpie.cache.dir=$WORK/magpie-cache -Djava.util.prefs.userRoot=$WORK/home/prefs $extra"
        exec setsid "$JMETER_HOME/bin/jmeter" -j "$LOG" >>"$WORK/jmeter.out" 2>&1
    ) &
    JMETER_PID=$!
    say "JMeter GUI starting (pid $JMETER_PID${extra:+, $extra})"
    local t=$SECONDS
    wait_for "$STARTUP_TIMEOUT" "JMeter's main window" visible_window '^Apache JMeter'
    WIN=$(xdotool search --onlyvisible --name '^Apache JMeter' | head -n 1)
    wait_for "$STEP_TIMEOUT" "'Magpie menu created' in jmeter.log" log_has "Magpie menu created"
    say "main window up after $((SECONDS - t))s; the plugin created its menu"
    sleep 2   # let the first paint settle
}

# stop_jmeter: ends the GUI started by start_jmeter (its process group), bounded
stop_jmeter() {
    kill -TERM -- "-$JMETER_PID" 2>/dev/null || kill -TERM "$JMETER_PID" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$JMETER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$JMETER_PID" 2>/dev/null || true
    wait "$JMETER_PID" 2>/dev/null || true
    cp "$LOG" "$OUT/$(basename "$LOG")"
    JMETER_PID=""
}

# open_magpie_item KEY WINDOW-TITLE: opens the Magpie menu (Alt+M), picks the item by its mnemonic,
# waits for the dialog it opens; retries a few times (focus can be slow to arrive without a WM).
open_magpie_item() {
    local key=$1 title=$2 screenshot=${3:-}
    for attempt in 1 2 3; do
        xdotool mousemove --window "$WIN" 120 400 click 1
        sleep 0.5
        xdotool key alt+m
        sleep 1
        if [ -n "$screenshot" ]; then shot "$screenshot"; screenshot=""; fi
        xdotool key "$key"
        local deadline=$((SECONDS + 10))
        while [ "$SECONDS" -lt "$deadline" ]; do
            if visible_window "$title" >/dev/null 2>&1; then return 0; fi
            sleep 0.5
        done
        say "menu attempt $attempt did not open '$title'; retrying"
        xdotool key Escape Escape
    done
    fail "Magpie menu item ('$key') did not open the '$title' dialog"
}

# choose_file PATH: types PATH into the focused file chooser's name field and approves it
choose_file() {
    xdotool key ctrl+a
    xdotool type --delay 15 "$1"
    sleep 0.3
    xdotool key Return
}


# ------------------------------------------------------------------------------------------
# uncorrelated_shop_plan: $HAR (the shop's recording) and $JMX (its plan made by the magpie CLI
# without correlation, as a proxy recorder leaves it) in $WORK/plans; $JMX_SUM its checksum.
uncorrelated_shop_plan() {
    MAGPIE=${MAGPIE_BIN:-$ROOT/target/release/magpie}
    [ -x "$MAGPIE" ] || fail "no magpie CLI at $MAGPIE (cargo build --release -p magpie-cli)"
    HAR="$WORK/plans/shop.har"
    JMX="$WORK/plans/shop.jmx"
    cp "$ROOT/jmeter-fixtures/har/shop.har" "$HAR"
    "$MAGPIE" har2jmx "$HAR" -o "$JMX" --no-correlation >/dev/null || fail "magpie har2jmx failed"
    JMX_SUM=$(sha256sum "$JMX" | cut -d' ' -f1)
}

# start_shop: a fresh instance of the fixture shop on a free loopback port ($SHOP_PORT), ended by
# cleanup.
start_shop() {
    local out="$WORK/shop.out"
    python3 "$ROOT/jmeter-fixtures/apps/shop/server.py" --port 0 >"$out" 2>"$WORK/shop.err" &
    SERVER_PID=$!
    wait_for 15 "the fixture shop to listen" grep -q '^LISTENING ' "$out"
    SHOP_PORT=$(sed -n 's/^LISTENING http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$out" | head -n 1)
    [ -n "$SHOP_PORT" ] || fail "the fixture shop printed no port"
    say "fixture shop on 127.0.0.1:$SHOP_PORT (pid $SERVER_PID)"
}

# open_tree_menu NODE ROW: right-clicks the tree row ROW (0 = the plan; 20 px rows from y=65 in
# the window with this look and feel) and the rows around it until the log says Magpie added its
# item to the tree menu of NODE; the menu is left open. Fails if no row near ROW is NODE.
open_tree_menu() {
    local node=$1 row=$2 d
    for d in 0 -1 1 -2 2 -3 3; do
        [ $((row + d)) -ge 0 ] || continue
        xdotool mousemove --window "$WIN" 150 $((65 + 20 * (row + d))) click 3
        sleep 1
        if grep -F "to the tree menu of" "$LOG" | tail -n 1 | grep -qF "tree menu of $node"; then
            return 0
        fi
        xdotool key Escape
        sleep 0.3
    done
    fail "right-clicking the rows near row $row gave no Magpie item for $node"
}

# find_extractors VALUE SAMPLER: in the focused Create extractor dialog, types VALUE in the Value
# field and asks for extractors; waits for the core's answer and sets FOUND to how many
# validated candidates it gave (fails under two).
find_extractors() {
    xdotool key alt+l              # the Value field
    xdotool key ctrl+a
    xdotool type --delay 10 "$1"
    xdotool key alt+f              # Find extractors
    wait_for "$STEP_TIMEOUT" "extractor candidates in jmeter.log" log_has "extractor candidates for a value of $2"
    FOUND=$(grep -F "extractor candidates for a value of $2" "$LOG" | tail -n 1 | sed -E 's/.*Magpie found ([0-9]+) .*/\1/')
    [ "$FOUND" -ge 2 ] || fail "expected several validated extractors for $1, got $FOUND"
}

# open_plan PATH: File → Open in the running GUI, waits for the plan's name in the title
open_plan() {
    xdotool mousemove --window "$WIN" 120 400 click 1
    sleep 0.5
    xdotool key ctrl+o
    sleep 2
    choose_file "$1"
    wait_for "$STEP_TIMEOUT" "the plan in the main window" visible_window "^$(basename "$1") \\("
    sleep 1
}
