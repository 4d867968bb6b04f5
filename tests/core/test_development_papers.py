"""Required papers of member development over a real SQLite file: national papers from the rule set,
the unit's own papers (never changing a date, removable while national ones are not), files attached
to a recorded step and counted, and the printed file marking each paper 已附 or 缺."""

from __future__ import annotations

import uuid

import pytest
from PIL import Image
from pypdf import PdfReader

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import set_language
from dj_desktop.core.services.development_print import development_file
from dj_desktop.reports.pdf.development_file import write_development_file
from tests.core.development_world import TODAY, add_person, make_branch, walk


@pytest.fixture
def world(services, tmp_path):
    set_language("zh_CN")
    branch, meeting = make_branch(services)
    person = add_person(services, branch)
    walk(services, person, meeting, up_to=3)
    scan = tmp_path / "scan.png"
    Image.new("RGB", (40, 30), "white").save(scan)
    yield services, branch, person, scan
    set_language("en")


def _step(services, person, no):
    return next(p for p in services.development_papers.steps(person) if p.no == no)


def test_files_attach_to_a_recorded_steps_paper_and_are_counted(world):
    services, _branch, person, scan = world
    papers = services.development_papers
    first = _step(services, person, 1)
    assert [(p.name, p.kind) for p in first.papers] == [("入党申请书", "national")]
    assert (first.attached, first.required) == (0, 1)
    info = papers.attach(person, 1, "入党申请书", scan)
    assert (_step(services, person, 1).attached, info.caption) == (1, "入党申请书")
    with pytest.raises(UserError, match="尚未登记"):
        papers.attach(person, 4, "备案报告", scan)                  # step 4 not recorded yet
    with pytest.raises(UserError, match="不是第3步"):
        papers.attach(person, 3, "入党申请书", scan)
    printed = {r.no: r.papers for r in development_file(services, person).rows}
    assert printed[1] == ("入党申请书（已附）",)
    assert printed[3] == ("推荐材料（缺）", "支部委员会会议记录（缺）") and printed[4] == ("备案报告",)
    papers.detach(info.id, reason="扫描不清")
    assert _step(services, person, 1).attached == 0


def test_unit_papers_are_listed_and_printed_but_never_move_a_date(world):
    services, branch, person, scan = world
    papers = services.development_papers
    before = services.development.timeline(person)
    paper = papers.add_unit_paper(branch, 3, "群众座谈会记录", today=TODAY)
    assert services.development.timeline(person) == before
    step = _step(services, person, 3)
    assert [p.kind for p in step.papers] == ["national", "national", "unit"] and step.required == 3
    for no, name, message in ((3, "推荐材料", "国家规定"), (3, "群众座谈会记录", "已要求"), (0, "x", "1"),
                              (26, "x", "25"), (3, " ", "名称")):
        with pytest.raises(UserError, match=message):
            papers.add_unit_paper(branch, no, name, today=TODAY)
    papers.attach(person, 3, "群众座谈会记录", scan)
    assert _step(services, person, 3).attached == 1
    assert "群众座谈会记录（本单位）（已附）" in {r.no: r.papers for r in development_file(services, person).rows}[3]
    write_development_file(development_file(services, person), scan.with_suffix(".pdf"))
    text = "".join(p.extract_text() for p in PdfReader(scan.with_suffix(".pdf")).pages).replace("\n", "")
    assert "群众座谈会记录（本单位）（已附）" in text and "推荐材料（缺）" in text
    assert [r.title for r in services.records.list("development_papers", branch_id=branch)] == ["群众座谈会记录"]
    with pytest.raises(UserError, match="国家规定"):
        papers.remove_unit_paper(uuid.uuid4(), reason="不再需要")      # nothing but the unit's own
    with pytest.raises(UserError, match="原因"):
        papers.remove_unit_paper(paper, reason=" ")
    papers.remove_unit_paper(paper, reason="上级不再要求")
    step = _step(services, person, 3)
    assert step.required == 2 and [(p.name, p.kind, p.attached) for p in step.papers][-1] == (
        "群众座谈会记录", "other", True)                               # the file is kept, listed apart
    assert services.records.list("development_papers", branch_id=branch) == []
