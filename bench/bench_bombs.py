"""Memory and time of the office importing the crafted bombs (issue 9): each bomb is a small bundle
from a brand-new device whose parts decompress to hundreds of megabytes.

Run: ``.venv/bin/python bench/bench_bombs.py [--code DIR] [--cap-gb N] [CASE …]``.

The office is a fresh SQLite database; every bomb is imported by a child process that reports
its resident memory just before the import (the baseline: program, database and keys loaded)
and its peak during it (``ru_maxrss``), and the wall time of the import. ``--code DIR`` runs the
child on another copy of the program (e.g. ``git archive <commit> | tar -x -C DIR`` of the code
before the bounds existed) with this script and the corpus generator from this checkout.
``--cap-gb`` limits the child's address space so a runaway import cannot take the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PASSPHRASE = "bench-office-passphrase"
DEFAULT_CASES = ["bomb-lines-150m", "bomb-lines-450m", "bomb-one-line", "bomb-attachment", "many-parts"]


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def child(url: str, bundle: str, cap_gb: float) -> None:
    import resource

    from dj_desktop.core.db import open_database
    from dj_desktop.core.services import build_services

    services = build_services(open_database(url))
    services.office.branches()               # the database is open and read once
    if cap_gb:
        cap = int(cap_gb * (1 << 30))
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    base = _rss_kb()
    start = time.perf_counter()
    try:
        (result,) = services.office.import_bundles([bundle], passphrase=PASSPHRASE)
        status, code = result.status, result.code
    except MemoryError:
        status, code = "killed", "MemoryError"
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"status": status, "code": code, "seconds": round(elapsed, 2),
                      "baseline_mb": round(base / 1024, 1), "peak_mb": round(peak / 1024, 1),
                      "above_baseline_mb": round((peak - base) / 1024, 1)}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", nargs="*", default=DEFAULT_CASES)
    parser.add_argument("--code", type=Path, default=ROOT, help="the program to measure (default: this checkout)")
    parser.add_argument("--cap-gb", type=float, default=0.0, help="address-space limit of the importing process")
    args = parser.parse_args()
    sys.path[:0] = [str(args.code), str(ROOT / "tests" / "sync")]
    from dj_desktop.core.db import open_database
    from dj_desktop.core.services import build_services
    from hostile_corpus import write_case

    print(f"load average {os.getloadavg()[0]:.2f}; code {args.code}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'office.db'}"
        services = build_services(open_database(url))
        setup = services.office.initialise(name="县委组织部", passphrase=PASSPHRASE, out_dir=folder)
        services.db.dispose()
        for name in args.cases:
            path = write_case(name, folder / "stick", setup.enrolment_path)
            env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(args.code), str(ROOT / "tests" / "sync")]))
            done = subprocess.run([sys.executable, __file__, "--child", url, str(path), str(args.cap_gb)],
                                  capture_output=True, text=True, env=env, cwd=args.code)
            line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()[-300:]
            print(f"{name:18} {path.stat().st_size / 1024:8.0f} KB  {line}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    else:
        main()
