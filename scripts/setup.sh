#!/usr/bin/env bash
# Installs what Magpie's build, demo and tests need, only where it is missing:
# a JDK (17), Debian's Gradle, Xvfb + xdotool + ImageMagick for the GUI smoke test, Chromium for
# the HTML report's screenshot test, Python's
# pytest. Rust (cargo 1.82+) must already be there. JMeter 5.6.3 itself comes from Maven Central through Gradle
# (`gradle jmeterHome`) and is cached under build/jmeter.
set -euo pipefail

need_apt=()
command -v javac >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
command -v gradle >/dev/null 2>&1 || need_apt+=(gradle)
command -v Xvfb >/dev/null 2>&1 || need_apt+=(xvfb)
command -v xdotool >/dev/null 2>&1 || need_apt+=(xdotool)
# `convert` may be a stand-in; `import` is the real ImageMagick screenshot tool.
command -v import >/dev/null 2>&1 || need_apt+=(imagemagick)
command -v xwininfo >/dev/null 2>&1 || need_apt+=(x11-utils)
# Headless Chromium renders the HTML run report for its screenshot test.
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v cc >/dev/null 2>&1 || need_apt+=(build-essential)
python3 -c 'import pytest' >/dev/null 2>&1 || need_apt+=(python3-pytest)

if ((${#need_apt[@]})); then
  echo "setup: installing ${need_apt[*]} (apt)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  # Debian's rustc is too old for the workspace, and rustup's servers are out of reach here.
  echo "setup: Rust (cargo, 1.82 or newer) is required; install it with rustup and re-run" >&2
  exit 1
fi

for tool in javac gradle Xvfb xdotool import cargo python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool is still missing" >&2; exit 1; }
done
