"""Times a 10,000-member roster import against the floor: a raw openpyxl read plus sqlite3 executemany.

Run: ``.venv/bin/python bench/bench_import.py [--rows N]``. Prints each timing and the ratio.
Also times re-importing the same file (every row unchanged) and undoing the import.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook, load_workbook

from dj_desktop.core.db import open_database
from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.core.services import build_services
from dj_desktop.reports.excel_roster_reader import read_roster

HEADERS = ["序号", "姓名", "性别", "民族", "出生日期", "身份证号", "籍贯", "学历", "工作单位", "职务", "联系电话",
           "家庭住址", "所在党小组", "入党时间", "转正时间", "党员类型", "人员类别", "管理方式", "备注"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国秀英志强丽华伟明玉兰海燕春梅德胜红霞文军桂芳"
GROUPS = ["第一党小组", "第二党小组", "第三党小组", "第四党小组"]


def roster_rows(count: int) -> list[list]:
    rows = []
    for n in range(count):
        born = date(1950, 1, 1) + timedelta(days=(n * 37) % 18000)
        gender = "male" if n % 3 else "female"
        joined = born.replace(year=born.year + 25) if not (born.month == 2 and born.day == 29) else born.replace(
            year=born.year + 25, day=28)
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)] + GIVEN[(n * 11 + 3) % len(GIVEN)]
        rows.append([n + 1, name, "男" if gender == "male" else "女", "汉族", born.isoformat(),
                     make_id_number(f"{110101 + n // 500:06d}", born, n % 500, gender=gender), "河北保定", "大专",
                     "城关镇", "", f"139{n:08d}", f"幸福路{n}号", GROUPS[n % 4], joined.isoformat(),
                     joined.replace(year=joined.year + 1).isoformat(), "正式", "在职", "自管", ""])
    return rows


def write_workbook(path: Path, rows: list[list]) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    wb.save(path)


def raw_floor(path: Path, folder: Path) -> None:
    """openpyxl read_only + sqlite3 executemany of the same rows: what no importer can beat."""
    wb = load_workbook(path, read_only=True, data_only=True)
    values = [tuple(r) for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)]
    wb.close()
    conn = sqlite3.connect(folder / "raw.db")
    conn.execute(f"CREATE TABLE member ({', '.join(f'c{i}' for i in range(len(HEADERS)))})")
    with conn:
        conn.executemany(f"INSERT INTO member VALUES ({', '.join('?' * len(HEADERS))})", values)
    conn.close()


def timed(label: str, func):
    """Wall-clock and CPU time of one call (CPU time is steadier on a busy machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = func()
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<40} {elapsed:7.2f} s wall {used:7.2f} s CPU")
    return used, result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "roster.xlsx"
        write_workbook(path, roster_rows(args.rows))
        db = open_database(folder / "branch.db")
        services = build_services(db)
        branch = services.organisation.create_first_branch("城关镇党支部")
        for name in GROUPS:
            services.organisation.add_unit(name, kind="group", parent_id=branch.id)

        floor, _ = timed("raw openpyxl read + sqlite3 executemany", lambda: raw_floor(path, folder))
        timed("  of which reading the sheet (ours)", lambda: read_roster(path))
        elapsed, report = timed(f"import of {args.rows} new members", lambda: services.roster_import.import_file(path))
        assert report.committed and report.added == args.rows, report.lines()[:5]
        again, report2 = timed("same file again (all unchanged)", lambda: services.roster_import.import_file(path))
        assert report2.unchanged == args.rows
        timed("undo of the first import", lambda: services.roster_import.undo_import(report.batch_id))
        print(f"ratio import / raw floor (CPU time): {elapsed / floor:.1f}x")
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
