"""The yearly manual as a PDF book: Chinese text, embedded font, page totals, contents, records."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from dj_desktop.core.progress import Cancelled, Progress
from dj_desktop.reports.pdf.yearly_manual import write_yearly_manual
from pdf_checks import footers, page_texts, unembedded_fonts
from pdf_world import YEAR, open_world


@pytest.fixture(scope="module")
def world(tmp_path_factory, template_db):
    services, world = open_world(tmp_path_factory.mktemp("manual"), template_db)
    yield services, world
    services.db.dispose()


@pytest.fixture(scope="module")
def manual(world, tmp_path_factory):
    services, _world = world
    steps: list[tuple[int, int, str]] = []
    book = services.printing.manual_book(year=YEAR, progress=Progress(
        on_step=lambda d, t, text: steps.append((d, t, text))))
    path = tmp_path_factory.mktemp("out") / "manual.pdf"
    write_yearly_manual(book, path, progress=Progress(on_step=lambda d, t, text: steps.append((d, t, text))))
    return path, page_texts(path), steps


def test_cover_names_the_book_the_branch_and_the_year(manual):
    _path, texts, _steps = manual
    cover = texts[0]
    assert "党支部工作手册" in cover and "青山村党支部" in cover and f"{YEAR} 年度" in cover
    assert "青山镇党委" in cover
    # A bound book's cover carries no running header or page number.
    assert footers(texts)[0] is None


def test_every_page_after_the_cover_prints_its_number_and_the_true_total(manual):
    path, texts, _steps = manual
    total = len(PdfReader(path).pages)
    assert total >= 8
    assert footers(texts)[1:] == [(n, total) for n in range(2, total + 1)]


def test_the_chinese_font_is_embedded_and_no_other_font_is_used(manual):
    path, _texts, _steps = manual
    assert unembedded_fonts(path) == []
    reader = PdfReader(path)
    names = {str(f.get_object()["/BaseFont"]) for p in reader.pages
             for f in p["/Resources"]["/Font"].get_object().values()}
    assert names and all("WenQuanYi" in n for n in names)


def _first_page_with(texts: list[str], needle: str, *, start: int = 2) -> int:
    return next(i + 1 for i, text in enumerate(texts) if i + 1 > start and needle in text)


def test_contents_list_every_section_with_the_page_it_starts_on(manual):
    _path, texts, _steps = manual
    contents = texts[1]
    assert "目  录" in contents or "目 录" in contents
    sections = ["一、支部基本情况", "二、党员花名册", "三、年度工作计划", "四、组织生活记录", "五、谈心谈话记录",
                "六、年终工作总结", "支委会（1次）", "支部党员大会（1次）", "党课（1次）",
                # every kind of the paper book, even when none was held this year
                "组织生活会（0次）", "民主评议党员（0次）"]
    lines = contents.splitlines()
    for title in sections:
        assert title in lines, title
        listed = int(lines[lines.index(title) + 1])
        assert listed == _first_page_with(texts, title), title


def test_records_are_grouped_by_kind_in_the_manual_order(manual):
    _path, texts, _steps = manual
    book = "\n".join(texts[2:])
    order = [book.index(f"{kind}记录 · ") for kind in ("支部党员大会", "支委会", "党小组会", "党课", "主题党日")]
    assert order == sorted(order)


def test_a_meeting_without_quorum_is_marked_and_its_decisions_not_valid(manual):
    _path, texts, _steps = manual
    # Cells wrap long text over lines; compare without the line breaks.
    page = "".join(texts[_first_page_with(texts, "支部党员大会记录") - 1:][:2]).replace("\n", "").replace(" ", "")
    assert "未达到法定人数，本次会议所作决定无效" in page
    assert "无效（未达法定人数）" in page
    assert "同意接收一名预备党员" in page
    assert "计入法定人数的党员12人，实到3人，须至少7人" in page


def test_basics_plan_talks_and_summary_come_from_the_records(manual):
    _path, texts, _steps = manual
    text = "\n".join(texts)
    for expected in ("书记", "王建国", "组织委员", "第一党小组", "党员总数", "预备党员", "少数民族党员",
                     "青山村党支部2025年工作计划", "规范三会一课", "思想和工作情况", "刘桂兰", "按时开展主题党日",
                     "住院治疗", "会议照片", "会议现场1", "主持人（签字）"):
        assert expected in text, expected


def test_photos_are_embedded_as_images(manual):
    path, _texts, _steps = manual
    images = [name for page in PdfReader(path).pages for name in page.images]
    assert len(images) >= 2


def test_progress_is_reported_and_cancel_stops_the_job(manual, world, tmp_path):
    _path, _texts, steps = manual
    assert any("正在读取第" in text for _d, _t, text in steps)
    assert any(text == "正在排版" for _d, _t, text in steps)
    services, _world = world
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        services.printing.manual_book(year=YEAR, progress=progress)
