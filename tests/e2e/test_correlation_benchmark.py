"""The correlation benchmark (bench/correlation_benchmark.py) over the labelled fixture
recordings (at least 12): precision and recall must stay at or above the floor the README reports, so a
change that loses a kind of dynamic value (or starts correlating static ones) fails here."""
import re
import subprocess
import sys

from conftest import REPO, required_path

FLOOR = "0.95"


def test_precision_and_recall_stay_above_the_floor():
    magpie = required_path("MAGPIE_BIN", REPO / "target" / "release" / "magpie")
    r = subprocess.run([sys.executable, str(REPO / "bench" / "correlation_benchmark.py"), "-v", "--magpie", str(magpie),
                        "--min-precision", FLOOR, "--min-recall", FLOOR], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    total = re.search(r"^all\s+(\d+) recordings", r.stdout, re.M)
    assert total and int(total.group(1)) >= 12, r.stdout
