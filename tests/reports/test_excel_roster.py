"""The roster workbook: template and export formats, and the reader's handling of real and bad files."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from dj_desktop.assets import resource
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import set_language
from dj_desktop.reports import excel_roster_reader
from dj_desktop.reports.excel_roster import COLUMNS, write_roster, write_template
from dj_desktop.reports.excel_roster_reader import read_roster
from roster_workbooks import HEADERS, id_number, member_row, write_rows

TEMPLATE = resource("templates", "roster_template.xlsx")


def _headers(path):
    wb = load_workbook(path)
    return [c.value for c in wb.worksheets[0][1]]


def test_chinese_headers_are_those_of_a_real_roster(tmp_path):
    path = write_template(tmp_path / "t.xlsx")
    assert _headers(path) == [c.zh for c in COLUMNS] == HEADERS


def test_committed_template_is_what_the_code_writes(tmp_path):
    fresh = load_workbook(write_template(tmp_path / "t.xlsx"))
    shipped = load_workbook(TEMPLATE)
    assert shipped.sheetnames == fresh.sheetnames
    for name in fresh.sheetnames:
        assert [[c.value for c in row] for row in shipped[name].iter_rows()] == \
               [[c.value for c in row] for row in fresh[name].iter_rows()]
    assert shipped.worksheets[0].freeze_panes == "A2"


def test_template_keeps_id_numbers_as_text_and_offers_choices(tmp_path):
    wb = load_workbook(write_template(tmp_path / "t.xlsx"))
    ws = wb.worksheets[0]
    id_col = HEADERS.index("身份证号") + 1
    phone_col = HEADERS.index("联系电话") + 1
    joined_col = HEADERS.index("入党时间") + 1
    assert ws.cell(row=2, column=id_col).number_format == "@"
    assert ws.cell(row=500, column=phone_col).number_format == "@"
    assert ws.cell(row=2, column=joined_col).number_format == "yyyy-mm-dd"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert any("正式" in f and "预备" in f for f in lists.values())
    notes = wb.worksheets[1]
    assert notes.cell(row=1, column=1).value == "列名"
    assert [r[1] for r in notes.iter_rows(min_row=2, values_only=True) if r[0] == "身份证号"] == ["是"]


def test_english_template_reads_back(tmp_path):
    set_language("en")
    path = write_template(tmp_path / "en.xlsx")
    assert _headers(path)[1] == "Full name"
    wb = load_workbook(path)
    for column, value in enumerate([1, "Li Lei", "Male", None, None, id_number(1), None, None, None, None, None,
                                    None, None, "2019-07-01"], start=1):
        wb.worksheets[0].cell(row=2, column=column, value=value)
    wb.save(path)
    sheet = read_roster(path)
    assert sheet.rows[0].values["name"] == "Li Lei"
    assert sheet.rows[0].number == 2


def test_export_writes_text_ids_and_real_dates(tmp_path):
    member = {"name": "张三", "id_number": "110101198003070011", "phone": "13800138000",
              "birth_date": date(1980, 3, 7), "joined_on": date(2019, 7, 1), "full_member_on": None}
    path = tmp_path / "out.xlsx"
    assert write_roster(path, [member, member]) == 2
    ws = load_workbook(path).worksheets[0]
    row = {h: ws.cell(row=3, column=i + 1) for i, h in enumerate(HEADERS)}
    assert row["序号"].value == 2
    assert row["身份证号"].value == "110101198003070011" and row["身份证号"].data_type == "s"
    assert row["身份证号"].number_format == "@"
    assert row["联系电话"].value == "13800138000" and row["联系电话"].number_format == "@"
    assert row["入党时间"].value == datetime(2019, 7, 1) and row["入党时间"].number_format == "yyyy-mm-dd"
    assert row["转正时间"].value is None
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["F"].width >= 20


def test_reader_finds_the_header_under_a_title_and_accepts_common_spellings(tmp_path):
    headers = ["序 号", "姓名*", "身份证号码", "出生年月", "入党时间（年月日）", "文化程度", "照片"]
    rows = [{"序 号": 1, "姓名*": "张三", "身份证号码": id_number(1), "入党时间（年月日）": "2019.07.01"},
            {"序 号": 2},                                # pre-numbered, unused
            {},                                          # blank
            {"序 号": 3, "姓名*": "李四", "身份证号码": id_number(2), "文化程度": "大专"}]
    path = write_rows(tmp_path / "r.xlsx", rows, headers=headers, title="城关社区党支部党员花名册")
    sheet = read_roster(path)
    assert sheet.header_row == 2
    assert set(sheet.columns) == {"seq", "name", "id_number", "birth_date", "joined_on", "education"}
    assert sheet.ignored_headers == ["照片"]
    assert [r.number for r in sheet.rows] == [3, 6]
    assert sheet.rows[1].values["education"] == "大专"


def _messages(path) -> str:
    with pytest.raises(UserError) as caught:
        read_roster(path)
    return str(caught.value)


def test_xls_file_says_save_as_xlsx(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(excel_roster_reader.OLE2_MAGIC + b"\0" * 600)
    message = _messages(path)
    assert ".xls" in message and "另存为" in message and ".xlsx" in message


def test_non_excel_and_damaged_and_empty_files(tmp_path):
    text = tmp_path / "roster.xlsx"
    text.write_text("姓名,身份证号\n张三,1101\n", encoding="utf-8")
    assert "不是 Excel 文件" in _messages(text)

    good = write_rows(tmp_path / "good.xlsx", [member_row(1)])
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(good.read_bytes()[:1500])
    assert "已损坏" in _messages(damaged)

    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    assert "已损坏" in _messages(broken)

    zero = tmp_path / "zero.xlsx"
    zero.write_bytes(b"")
    assert "空文件" in _messages(zero)

    empty = tmp_path / "empty.xlsx"
    Workbook().save(empty)
    assert "工作表是空的" in _messages(empty)

    only_headers = write_rows(tmp_path / "headers.xlsx", [])
    assert "没有党员信息" in _messages(only_headers)


def test_other_columns_name_the_missing_headers(tmp_path):
    other = write_rows(tmp_path / "other.xlsx", [{"商品": "苹果", "数量": 3}], headers=["商品", "数量", "单价"])
    message = _messages(other)
    assert "姓名" in message and "身份证号" in message and "入党时间" in message

    partial = write_rows(tmp_path / "partial.xlsx", [{"姓名": "张三", "性别": "男"}], headers=["姓名", "性别", "民族"])
    message = _messages(partial)
    assert "缺少必填列：身份证号、入党时间" in message and "姓名" not in message.split("：")[1]

    twice = write_rows(tmp_path / "twice.xlsx", [{}], headers=["姓名", "身份证号", "入党时间", "身份证号码"])
    assert "出现了两次" in _messages(twice)


def test_a_file_that_cannot_be_written_gives_a_clear_message(tmp_path):
    folder = tmp_path / "out.xlsx"
    folder.mkdir()   # a folder where the file should go: like a file locked by Excel, it cannot be written
    with pytest.raises(UserError, match="无法写入"):
        write_roster(folder, [])


def test_an_unreadable_file_gives_a_clear_message(tmp_path, monkeypatch):
    path = write_rows(tmp_path / "locked.xlsx", [member_row(1)])

    def locked(self, *args, **kwargs):   # what Windows does while Excel holds the file open
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "open", locked)
    assert "无法读取" in _messages(path)
