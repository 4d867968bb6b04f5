"""The monthly report and the quarterly 三会一课 report, as PDF and as .xlsx."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from dj_desktop.core.errors import UserError
from dj_desktop.core.report_periods import parse_month, parse_quarter
from dj_desktop.reports.pdf.tabular import write_report
from pdf_checks import footers, page_texts, unembedded_fonts
from pdf_world import open_world


@pytest.fixture(scope="module")
def world(tmp_path_factory, template_db):
    services, world = open_world(tmp_path_factory.mktemp("reports"), template_db)
    yield services, world
    services.db.dispose()


def _rows(path) -> list[tuple]:
    sheet = load_workbook(path).active
    return [tuple(v for v in row if v is not None) for row in sheet.iter_rows(values_only=True)]


def _row(rows: list[tuple], first: str) -> tuple:
    return next(r for r in rows if r and r[0] == first)


def test_monthly_xlsx_has_membership_meetings_talks_and_overdue(world, tmp_path):
    services, _w = world
    path = write_report(services.printing.monthly_report(month=parse_month("2025-04")), tmp_path / "m.xlsx")
    rows = _rows(path)
    assert rows[0] == ("党支部月报表",)
    assert ("填报单位", "青山村党支部") in rows and ("月份", "2025年04月") in rows
    assert _row(rows, "月初党员数") == ("月初党员数", 14)
    assert _row(rows, "其中：预备党员") == ("其中：预备党员", 2)
    assert _row(rows, "2025年4月10日") == ("2025年4月10日", "支部党员大会", "讨论接收预备党员", 14, 3, "21%", "未过半")
    assert _row(rows, "支委会") == ("支委会", 0, 1)   # none in April, one so far this year
    assert "截至月末逾期未完成事项" in [r[0] for r in rows if r]


def test_monthly_pdf_is_chinese_with_embedded_font_and_page_totals(world, tmp_path):
    services, _w = world
    path = write_report(services.printing.monthly_report(month=parse_month("2025-04")), tmp_path / "m.pdf")
    texts = page_texts(path)
    assert "党支部月报表" in texts[0] and "党员队伍变动情况" in texts[0]
    assert unembedded_fonts(path) == []
    assert footers(texts) == [(n, len(texts)) for n in range(1, len(texts) + 1)]


def test_quarterly_xlsx_compares_required_with_held_per_kind_and_group(world, tmp_path):
    services, _w = world
    path = write_report(services.printing.quarterly_report(quarter=parse_quarter("2025-Q2")), tmp_path / "q.xlsx")
    rows = _rows(path)
    assert rows[0] == ("三会一课季度报表",)
    assert _row(rows, "支部党员大会") == ("支部党员大会", 1, 1, "达标", "21%")
    assert _row(rows, "支委会") == ("支委会", 3, 0, "差 3 次", "—")
    assert _row(rows, "党小组会 · 第一党小组")[1:4] == (3, 0, "差 3 次")
    assert _row(rows, "党小组会 · 第二党小组")[1:4] == (3, 0, "差 3 次")
    assert _row(rows, "党课")[1:4] == (1, 1, "达标")
    lesson = _row(rows, "2025年6月28日")
    assert "学习党章 守初心担使命" in lesson and "王建国" in lesson


def test_quarterly_pdf_lists_the_lessons(world, tmp_path):
    services, _w = world
    path = write_report(services.printing.quarterly_report(quarter=parse_quarter("2025-Q1")), tmp_path / "q.pdf")
    # Wrapped cells come back as several lines; compare without line breaks and spaces.
    text = "".join(page_texts(path)).replace("\n", "").replace(" ", "")
    assert "三会一课完成情况" in text and "本季度未开展党课" in text and "研究部署第一季度党建重点工作" in text
    assert unembedded_fonts(path) == []


@pytest.mark.parametrize("text", ["2025-13", "2025/04", "四月", ""])
def test_a_bad_month_says_how_to_write_it(text):
    with pytest.raises(UserError, match="2025-03"):
        parse_month(text)


@pytest.mark.parametrize("text", ["2025-Q5", "2025-4", "Q1"])
def test_a_bad_quarter_says_how_to_write_it(text):
    with pytest.raises(UserError, match="2025-Q1"):
        parse_quarter(text)


def test_a_future_period_and_a_wrong_file_type_are_refused(world, tmp_path):
    services, _w = world
    with pytest.raises(UserError, match="尚未开始"):
        parse_month("2999-01")
    with pytest.raises(UserError, match=r"\.pdf 或 \.xlsx"):
        write_report(services.printing.monthly_report(month=parse_month("2025-04")), tmp_path / "m.docx")
    assert not (tmp_path / "m.docx").exists()
