"""``dj-desktop books|list|export|print`` — generated from the registry — run as a user would."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.e2e.cli_helpers import run





@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_copy) -> Path:
    return demo_copy(tmp_path_factory.mktemp("cli_books") / "demo.db")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_books_lists_every_book_with_its_count(demo, tmp_path):
    done = run("books", "--json", "--db", str(demo), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = {r["key"]: r for r in json.loads(done.stdout)}
    assert {"members", "meetings", "talks", "plans", "terms"} <= set(rows)
    assert rows["meetings"]["title"] == "会议记录" and rows["meetings"]["count"] > 0
    text = run("books", "--db", str(demo), cwd=tmp_path).stdout
    assert "talks\t谈心谈话\t" in text


def test_list_export_and_print_a_meeting(demo, tmp_path):
    listed = json.loads(run("list", "meetings", "--json", "--db", str(demo), cwd=tmp_path).stdout)
    assert listed and {"id", "date", "title", "kind", "quorum"} <= set(listed[0])
    years = {i["date"][:4] for i in listed}
    year = sorted(years)[-1]
    of_year = json.loads(run("list", "meetings", "--year", year, "--json", "--db", str(demo), cwd=tmp_path).stdout)
    assert of_year and all(i["date"].startswith(year) for i in of_year)

    xlsx = tmp_path / "members.xlsx"
    assert run("export", "members", "-o", str(xlsx), "--db", str(demo), cwd=tmp_path).returncode == 0
    sheet = load_workbook(xlsx).active
    headers = [c.value for c in sheet[2]]
    id_cell = sheet.cell(row=3, column=headers.index("身份证号") + 1)
    assert isinstance(id_cell.value, str) and len(id_cell.value) == 18 and id_cell.number_format == "@"

    pdf = tmp_path / "meeting.pdf"
    done = run("print", "meetings", of_year[0]["id"], "-o", str(pdf), "--db", str(demo), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert of_year[0]["kind"] in text


@pytest.mark.parametrize("args, message", [
    (("list", "minutes"), "可用的台账"),
    (("export", "minutes", "-o", "x.xlsx"), "可用的台账"),
    (("print", "minutes", "x", "-o", "x.pdf"), "可用的台账"),
    (("print", "talks", "not-an-id", "-o", "x.pdf"), "不是有效的记录编号"),
    (("print", "talks", "00000000-0000-0000-0000-000000000000", "-o", "x.pdf"), "不存在"),
    (("export", "talks", "-o", "no/such/folder/x.xlsx"), "不存在"),
    (("export", "talks", "-o", "x.pdf"), ".xlsx"),
])
def test_bad_input_is_refused_and_changes_nothing(demo, tmp_path, args, message):
    before = _digest(demo)
    done = run(*args, "--db", str(demo), cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert _digest(demo) == before
    assert not list(tmp_path.glob("x.*"))


def test_a_folder_that_cannot_be_written(demo, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        done = run("export", "talks", "-o", str(locked / "t.xlsx"), "--db", str(demo), cwd=tmp_path)
    finally:
        locked.chmod(0o700)
    if os.geteuid() == 0:  # root writes anywhere; the check must still not break the export
        assert done.returncode == 0, done.stderr
    else:
        assert done.returncode == 2 and "无法写入" in done.stderr


def test_a_deleted_record_cannot_be_printed(demo, tmp_path):
    from dj_desktop.core.db import open_database
    from dj_desktop.core.services import build_services
    copy = tmp_path / "copy.db"
    copy.write_bytes(demo.read_bytes())
    services = build_services(open_database(copy))
    talk = services.records.list("talks")[0]
    services.records.tombstone("talks", talk.id, reason="测试")
    services.db.dispose()
    done = run("print", "talks", str(talk.id), "-o", str(tmp_path / "t.pdf"), "--db", str(copy), cwd=tmp_path)
    assert done.returncode == 2 and "已被删除" in done.stderr
