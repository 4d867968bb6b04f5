"""Compliance budget (issue 16): ``office compliance`` over an office database of many branches in
≤ 3× the time the program takes for one branch's ``reminders`` (process start included), peak memory
≤ 300 MB. Both commands run as child processes, alternated round by round, so the ratio is taken
side by side on the same (shared) machine.

Run: ``.venv/bin/python bench/bench_compliance.py --office /tmp/bench1000/office.db --branch DEMO.db
[--date 2026-11-28] [--rounds 3]``. The office database is the one ``bench_sync.py`` leaves behind;
the branch is a demo database (``dj-desktop demo --db DEMO.db``). Work on copies: the program
upgrades a database it opens. The children run from compiled bytecode, as an installed program does. Prints wall and CPU seconds and peak RSS of each run, the medians and
the ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROGRAM = Path(sys.executable).with_name("dj-desktop")
#: An installed program runs from compiled bytecode: allow writing it (the untimed warm-up run of
#: each command compiles), as ``bench_gui.py`` does; recompiling every start would add ≈ 0.2 s to both.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(args: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen([str(PROGRAM), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(args)} failed: {child.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--office", required=True)
    parser.add_argument("--branch", required=True)
    parser.add_argument("--date", default="2026-11-28")
    parser.add_argument("--rounds", type=int, default=3)
    a = parser.parse_args()
    print(f"cores {os.cpu_count()}, load average at start {os.getloadavg()}")
    jobs = {"one branch: reminders --json": ["reminders", "--json", "--date", a.date, "--db", a.branch],
            "office compliance --json": ["office", "compliance", "--json", "--date", a.date, "--db", a.office]}
    for args in jobs.values():
        run(args)                                   # warm the page cache and upgrade once, not timed
    got: dict[str, list[tuple[float, float, float]]] = {k: [] for k in jobs}
    for n in range(a.rounds):
        for name, args in jobs.items():
            got[name].append(run(args))
            wall, cpu, rss = got[name][-1]
            print(f"round {n + 1} {name}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MB")
    med = {k: [statistics.median(x[i] for x in v) for i in range(3)] for k, v in got.items()}
    one, office = med["one branch: reminders --json"], med["office compliance --json"]
    print(f"medians: one branch {one[0]:.2f} s wall / {one[1]:.2f} s CPU / {one[2]:.0f} MB; "
          f"office {office[0]:.2f} s wall / {office[1]:.2f} s CPU / {office[2]:.0f} MB")
    print(f"ratio office / one branch: {office[0] / one[0]:.1f}× wall, {office[1] / one[1]:.1f}× CPU "
          f"(budget 3×); office peak {office[2]:.0f} MB (budget 300 MB); load average at end {os.getloadavg()}")


if __name__ == "__main__":
    main()
