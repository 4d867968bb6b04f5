"""The group manual for a year as a PDF book: every section, filled and empty, read back from the file
and rendered to PNG pages with pdftoppm."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from dj_desktop.reports.pdf.co_managed_card import write_card
from dj_desktop.reports.pdf.group_manual import write_group_manual

from group_manual_world import fill

SECTIONS = ("一、组长和成员", "二、党小组会", "三、党小组学习", "四、党员责任区", "五、设岗定责", "六、联管党员")


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_group_manual_prints_every_section(services, db, tmp_path):
    world = fill(services, db)
    full = tmp_path / "group1.pdf"
    write_group_manual(services.group_manual.manual(world.group1, year=2026), full)
    text = _text(full)
    assert "党小组手册" in text and "2026 年度" in text and "目 录" in text
    for heading in SECTIONS:
        assert text.count(heading) >= 2, heading          # in the contents and as the heading
    for value in ("钱一", "党小组组长", "党小组副组长", "学习党章第一章", "学习二十届三中全会精神", "3号楼责任区",
                  "邻里互助岗", "联管：区税务局机关党支部", "致：区税务局机关党支部", "基本情况登记卡", "反馈卡"):
        assert value in text, value
    empty = tmp_path / "group2.pdf"
    write_group_manual(services.group_manual.manual(world.group2, year=2026), empty)
    text = _text(empty)
    for heading in SECTIONS:
        assert heading in text, heading
    assert "党小组会（0次）" in text and "本年度无记录" in text and "本年度没有联管党员" in text
    assert "未记录组长" in text and "本党小组未分配楼栋" in text
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(full), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(full).pages) and all(p.stat().st_size > 2000 for p in pages)


def test_a_feedback_card_is_addressed_to_the_home_organisation(services, db, tmp_path):
    world = fill(services, db)
    [feedback] = [c for c in services.group_manual.manual(world.group1, year=2026).cards if c.card == "feedback"]
    printout = services.records.printout("co_managed_cards", feedback.record_id)
    path = tmp_path / "card.pdf"
    printout.writer(printout.data, path, branch_name=printout.branch_name)
    text = _text(path)
    assert "联管党员 · 反馈卡" in text and "致：区税务局机关党支部" in text and "良好" in text
    assert "社区党组织（盖章）" in text
    write_card(printout.data, tmp_path / "again.pdf")
