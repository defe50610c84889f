#!/usr/bin/env bash
# Runs every Magpie test: Rust unit/integration tests, the Java tests (jar, JNI, SaveService
# round-trip), the fixture app's tests, the end-to-end JMeter replays and the GUI smoke test.
# Installs what is missing first. Fails on the first failing suite.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

section() { printf '\n=== %s ===\n' "$*"; }

bash scripts/setup.sh

section "Rust: cargo test (release profile, shared with the jar and CLI build)"
cargo test --workspace --release --locked

section "Gradle: native build, plugin jar, JMeter 5.6.3 home, Java tests"
gradle --no-daemon -q jmeterHome installPlugin test

section "Fixture app and end-to-end replays with real JMeter"
export MAGPIE_BIN="$ROOT/target/release/magpie"
export JMETER_HOME="$ROOT/build/jmeter"
python3 -m pytest -q tests/fixture_app tests/e2e

section "JMeter GUI tests under Xvfb"
for gui_test in tests/gui/run_gui_*.sh; do
    bash "$gui_test"
done

section "all Magpie test suites passed"
