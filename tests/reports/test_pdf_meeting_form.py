"""One meeting record as a filled A4 form."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from dj_desktop.core.i18n import set_language
from dj_desktop.core.printouts import AttendeeLine, MeetingSheet
from dj_desktop.reports.pdf.meeting_form import write_meeting_form
from dj_desktop.reports.pdf.tabular import write_report
from pdf_checks import footers, page_texts, unembedded_fonts
from pdf_world import open_world


@pytest.fixture(scope="module")
def world(tmp_path_factory, template_db):
    services, world = open_world(tmp_path_factory.mktemp("form"), template_db)
    yield services, world
    services.db.dispose()


def _form(world, key: str, path) -> str:
    services, w = world
    sheet, branch_name = services.printing.meeting_form(str(w.meetings[key]))
    write_meeting_form(sheet, path, branch_name=branch_name)
    # Cells wrap long text; compare without line breaks and spaces.
    return "".join(page_texts(path)).replace("\n", "").replace(" ", "")


def test_committee_meeting_form_has_header_attendance_minutes_decisions_photos_signatures(world, tmp_path):
    path = tmp_path / "committee.pdf"
    text = _form(world, "committee", path)
    for expected in ("支委会记录", "会议类型", "2025年3月5日", "14:30—16:00", "村党群服务中心会议室", "主持人",
                     "王建国", "记录人", "李秀英", "应到人数", "实到人数", "缺席人数", "已达到法定人数",
                     "出席人员（3人）", "无缺席人员", "会议记录", "组织委员通报党员发展工作情况",
                     "三月十五日前完成主题党日活动方案", "张明", "已落实", "会议照片", "会议现场1", "会议现场2",
                     "主持人（签字）：", "记录人（签字）：", "青山村党支部·党支部工作手册"):
        assert expected in text, expected
    assert unembedded_fonts(path) == []
    reader = PdfReader(path)
    assert sum(len(page.images) for page in reader.pages) == 2
    total = len(reader.pages)
    assert footers(page_texts(path)) == [(n, total) for n in range(1, total + 1)]


def test_absences_are_listed_with_their_reason_and_note(world, tmp_path):
    text = _form(world, "lesson", tmp_path / "lesson.pdf")
    assert "缺席人员及原因（1人）" in text
    assert "病假" in text and "住院治疗" in text
    assert "学习党章守初心担使命" in text and "主讲人" in text
    # Probationary members attend but are marked, since they do not vote.
    assert "马玉兰（预备党员）" in text


def test_quorum_not_met_is_shown_and_decisions_marked_not_valid(world, tmp_path):
    text = _form(world, "general", tmp_path / "general.pdf")
    assert "未达到法定人数，本次会议所作决定无效" in text
    assert "以下决议无效" in text
    assert "无效（未达法定人数）" in text


def test_a_photo_missing_from_the_store_is_reported_not_dropped(tmp_path):
    sheet = MeetingSheet(kind="themed_day", kind_label="主题党日", held_on=date(2025, 7, 1),
                         attendance=(AttendeeLine("王建国", True),), should_attend=1, present=1,
                         missing_photos=("现场照片.jpg",))
    path = tmp_path / "missing.pdf"
    write_meeting_form(sheet, path, branch_name="青山村党支部")
    text = "".join(page_texts(path)).replace("\n", "")
    assert "以下照片文件在附件库中缺失：现场照片.jpg" in text
    assert "此类会议无法定人数要求" in text


def test_a_long_attendance_list_runs_onto_more_pages_with_correct_totals(tmp_path):
    absent = tuple(AttendeeLine(f"党员{n}", False, "事假") for n in range(80))
    sheet = MeetingSheet(kind="general_meeting", kind_label="支部党员大会", held_on=date(2025, 7, 1),
                         attendance=absent, should_attend=80, absent=80, quorum_met=False, minutes="说明\n" * 40)
    path = tmp_path / "long.pdf"
    write_meeting_form(replace(sheet), path, branch_name="青山村党支部")
    texts = page_texts(path)
    assert len(texts) >= 3
    assert footers(texts) == [(n, len(texts)) for n in range(1, len(texts) + 1)]
    assert "党员79" in "".join(texts)


def test_the_form_follows_the_interface_language(world, tmp_path):
    set_language("en")
    text = _form(world, "committee", tmp_path / "en.pdf")
    assert "Page1of" in text and "Minutes" in text and "Host(signature):" in text
    # One date format in English printouts: 2025-03-05, the English window's form, never 3/5/2025.
    assert "2025-03-05" in text and not re.search(r"\d/\d{1,2}/\d{4}", text)


def test_english_tabular_reports_write_dates_one_way(world, tmp_path):
    set_language("en")
    services, _w = world
    path = tmp_path / "quarter.pdf"
    write_report(services.printing.quarterly_report(branch_id=None, quarter="2025-Q1"), path)
    text = "".join(page_texts(path))
    assert re.search(r"\d{4}-\d{2}-\d{2}", text) and not re.search(r"\d{1,2}/\d{1,2}/\d{4}", text)


NAMES = ("欧阳建国", "王芳", "司马秀英", "李四", "诸葛明", "张伟", "上官婉儿", "赵一", "钱多多", "孙二",
         "周三", "吴预备", "郑十一", "冯小刚", "陈", "褚卫东", "卫青", "蒋介民", "沈万三", "韩梅梅",
         "杨过", "朱自清", "秦始明", "尤三姐", "许仙", "何晓丽", "吕布", "施耐安", "张三丰", "孔令辉")


def test_names_never_break_across_lines_and_study_hours_carry_their_unit(tmp_path):
    attendance = tuple(AttendeeLine(name, True, voting=name != "吴预备") for name in NAMES)
    sheet = MeetingSheet(kind="party_lesson", kind_label="党课", held_on=date(2025, 7, 1), attendance=attendance,
                         should_attend=len(NAMES), present=len(NAMES), study_hours=1.5)
    path = tmp_path / "names.pdf"
    write_meeting_form(sheet, path, branch_name="青山村党支部")
    lines = [line.strip() for line in page_texts(path)[0].splitlines()]
    listed = [line for line in lines if any(name in line for name in ("欧阳建国", "孔令辉", "冯小刚"))]
    names_lines = [line for line in lines if line.count("、") >= 3]
    assert len(names_lines) >= 2, lines          # the list really wraps onto several lines
    assert listed
    for line in names_lines:
        # Every line of the list holds whole names: it ends at a separator or with the last name.
        assert line.endswith("、") or line.endswith(NAMES[-1]), line
        for piece in line.rstrip("、").split("、"):
            assert piece.removesuffix("（预备党员）") in NAMES, piece
    assert "1.5 学时" in "".join(lines) or "1.5学时" in "".join(lines)
