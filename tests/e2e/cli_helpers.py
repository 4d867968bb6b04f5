"""Running the command line as a user would: ``python -m dj_desktop …`` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PYTHON = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "python"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    python = str(PYTHON) if PYTHON.exists() else sys.executable
    return subprocess.run([python, "-m", "dj_desktop", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=180)
