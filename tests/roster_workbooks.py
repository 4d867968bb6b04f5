"""Helpers for the roster import tests: real .xlsx files written cell by cell, valid ID numbers."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from dj_desktop.core.rules.id_number import make_id_number

HEADERS = ["序号", "姓名", "性别", "民族", "出生日期", "身份证号", "籍贯", "学历", "工作单位", "职务", "联系电话",
           "家庭住址", "所在党小组", "入党时间", "转正时间", "党员类型", "人员类别", "管理方式", "备注"]


def id_number(n: int, *, born: date = date(1980, 3, 7), gender: str = "male") -> str:
    return make_id_number("110101", born, n, gender=gender)


def member_row(n: int, **values: Any) -> dict[str, Any]:
    """A valid row (as ``{header: value}``) for the n-th test member; ``values`` override cells."""
    row = {"序号": n, "姓名": f"党员{n}", "性别": "男", "民族": "汉族", "出生日期": "1980-03-07",
           "身份证号": id_number(n), "籍贯": "北京", "学历": "本科", "工作单位": "城关社区", "职务": "",
           "联系电话": f"1380013{n:04d}", "家庭住址": f"幸福路{n}号", "所在党小组": "第一党小组",
           "入党时间": "2010-07-01", "转正时间": "2011-07-01", "党员类型": "正式", "人员类别": "在职",
           "管理方式": "自管", "备注": ""}
    row.update(values)
    return row


def write_rows(path: Path, rows: list[dict[str, Any]], *, headers: list[str] | None = None,
               title: str | None = None) -> Path:
    """A workbook with an optional title row, the header row and ``rows`` (missing cells stay empty)."""
    headers = headers or HEADERS
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    if title:
        ws.append([title])
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h) for h in headers])
    wb.save(path)
    return path


def make_cells_numbers(path: Path, texts: list[str]) -> None:
    """Rewrite text cells holding these digit strings as number cells with every digit kept.

    openpyxl (like Excel) would write an 18-digit int through a float; some programs
    write the exact integer, and the importer must accept that.
    """
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                for digits in texts:
                    text, count = re.subn(rf't="inlineStr"><is><t>{digits}</t></is>', f't="n"><v>{digits}</v>', text)
                    assert count == 1, digits
                data = text.encode("utf-8")
            out.writestr(item, data)
    shutil.move(tmp, path)
