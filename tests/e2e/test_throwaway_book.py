"""A record book defined only inside the test suite (a table and a registry entry) gets every
shared capability: ``books``, ``list``/``export``/``print``, sync to the office, dashboard reminders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCENARIO = Path(__file__).with_name("throwaway_book.py")


def test_a_book_defined_in_the_tests_gets_every_shared_capability(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    done = subprocess.run([sys.executable, str(SCENARIO), str(tmp_path)], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "all checks passed" in done.stdout
