"""What the app password costs: the roster import and the yearly manual on a plain database and on
the same database encrypted with SQLCipher (issue 11: ≤ 25 % more), measured in the same run.

Run: ``.venv/bin/python bench/bench_encryption.py [--rows N] [--runs N]``. CPU time, best of the
runs, plain and encrypted alternated so that the load of the shared machine falls on both alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("LANG", "C.UTF-8")

import bench_import  # noqa: E402
import bench_manual  # noqa: E402

from dj_desktop.core.db import open_database  # noqa: E402
from dj_desktop.core.password import set_password  # noqa: E402
from dj_desktop.core.services import build_services  # noqa: E402
from dj_desktop.reports.pdf.fonts import register_cjk_font  # noqa: E402
from dj_desktop.reports.pdf.formatting import wrap_text  # noqa: E402
from dj_desktop.reports.pdf.yearly_manual import write_yearly_manual  # noqa: E402

PASSWORD = "bench password 2026"
BUDGET = 1.25


def _cpu(job) -> float:
    start = time.process_time()
    job()
    return time.process_time() - start


def _encrypted_copy(plain: Path, target: Path) -> Path:
    shutil.copy(plain, target)
    files = Path(str(plain) + ".files")
    if files.is_dir():
        shutil.copytree(files, Path(str(target) + ".files"))
    set_password(target, PASSWORD)
    return target


def roster(folder: Path, rows: int, runs: int) -> tuple[float, float]:
    """Import ``rows`` new members into a fresh branch database; plain vs encrypted."""
    sheet = folder / "roster.xlsx"
    bench_import.write_workbook(sheet, bench_import.roster_rows(rows))
    template = folder / "roster-template.db"
    db = open_database(template)
    services = build_services(db)
    branch = services.organisation.create_first_branch("城关镇党支部")
    for name in bench_import.GROUPS:
        services.organisation.add_unit(name, kind="group", parent_id=branch.id)
    db.dispose()
    best = {"plain": float("inf"), "encrypted": float("inf")}
    for run in range(runs):
        for kind in (("plain", "encrypted") if run % 2 == 0 else ("encrypted", "plain")):
            target = folder / f"roster-{kind}-{run}.db"
            if kind == "plain":
                shutil.copy(template, target)
                db = open_database(target, create=False)
            else:
                _encrypted_copy(template, target)
                db = open_database(target, create=False, password=PASSWORD)
            services = build_services(db)
            used = _cpu(lambda: services.roster_import.import_file(sheet))
            db.dispose()
            best[kind] = min(best[kind], used)
    return best["plain"], best["encrypted"]


def manual(folder: Path, runs: int) -> tuple[float, float]:
    """Read and write the yearly manual of a busy branch (bench_manual's); plain vs encrypted."""
    plain = folder / "manual-plain.db"
    (folder / "photos").mkdir(exist_ok=True)
    db = open_database(plain)
    bench_manual.build_branch(build_services(db), folder / "photos")
    db.dispose()
    encrypted = _encrypted_copy(plain, folder / "manual-encrypted.db")
    register_cjk_font()
    opened = {"plain": build_services(open_database(plain, create=False)),
              "encrypted": build_services(open_database(encrypted, create=False, password=PASSWORD))}

    def job(services) -> None:
        wrap_text.cache_clear()
        write_yearly_manual(services.printing.manual_book(year=bench_manual.YEAR), folder / "manual.pdf")

    best = {"plain": float("inf"), "encrypted": float("inf")}
    for run in range(runs):
        for kind in (("plain", "encrypted") if run % 2 == 0 else ("encrypted", "plain")):
            best[kind] = min(best[kind], _cpu(lambda: job(opened[kind])))
    for services in opened.values():
        services.db.dispose()
    return best["plain"], best["encrypted"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"load average now: {os.getloadavg()[0]:.1f} (2 cores); best of {args.runs} runs, CPU s")
        for label, (plain, enc) in ((f"roster import, {args.rows} members", roster(folder, args.rows, args.runs)),
                                    ("yearly manual, read + write", manual(folder, args.runs))):
            ratio = enc / plain
            ok &= ratio <= BUDGET
            print(f"{label:<36} plain {plain:6.2f} s  encrypted {enc:6.2f} s  ratio {ratio:.2f}×  "
                  f"budget ≤ {BUDGET:.2f}×: {'OK' if ratio <= BUDGET else 'OVER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
