"""Shared pytest fixtures: the fixture shop on a free 127.0.0.1 port, started and stopped by PID."""
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHOP = REPO / "jmeter-fixtures" / "apps" / "shop" / "server.py"


class ShopServer:
    """A fixture app (the shop unless `app` names another server.py) on a free loopback port."""

    def __init__(self, *args, app=SHOP):
        self.proc = subprocess.Popen([sys.executable, str(app), "--port", "0", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()  # bounded: the server prints it first, or exits
        if not line.startswith("LISTENING "):
            self.stop()
            raise RuntimeError(f"fixture app {app} did not start: {line!r} {self.proc.stderr.read()}")
        self.url = line.split()[1]
        self.port = int(self.url.rsplit(":", 1)[1])

    def verdicts(self):
        with urllib.request.urlopen(self.url + "/__fixture/verdicts", timeout=10) as r:
            return json.load(r)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


@pytest.fixture
def shop():
    """A fresh shop instance: new secrets, empty verdicts."""
    server = ShopServer()
    yield server
    server.stop()


@pytest.fixture
def soft_shop():
    """A fresh shop that answers bad values with responses that look successful."""
    server = ShopServer("--soft-failures")
    yield server
    server.stop()


def required_path(env, default):
    """A tool the tests need; missing → a clear failure, never a silent skip."""
    path = Path(os.environ.get(env, default))
    if not path.exists():
        pytest.fail(f"{path} not found: build it first (./scripts/test.sh does), or set {env}")
    return path
