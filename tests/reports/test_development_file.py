"""The printed development file and the public-notice poster, read back with pypdf."""

from __future__ import annotations

from pypdf import PdfReader

from dj_desktop.core.i18n import set_language
from dj_desktop.core.services.development_print import development_file, notice_poster
from dj_desktop.reports.pdf.development_file import write_development_file, write_development_notice
from tests.core.development_world import add_person, make_branch, walk


def test_the_file_lists_every_step_with_actual_dates_bounds_and_papers_and_the_poster(services, tmp_path):
    set_language("zh_CN")
    try:
        branch, meeting = make_branch(services)
        person = add_person(services, branch)
        walk(services, person, meeting, up_to=12)
        printed = development_file(services, person)
        path = tmp_path / "file.pdf"
        write_development_file(printed, path)
        text = "".join(p.extract_text() for p in PdfReader(path).pages).replace("\n", "")
        assert "发展党员档案" in text and "周申请" in text and "发展对象" in text
        assert "2023-02-01" in text and "2023-03-01" in text           # actual dates of steps 2 and 3
        assert "2023-02-09" in text                                     # the talk's latest date (one month)
        assert "王书记、李委员" in text and "第十二条" in text
        assert "入党申请书" in text                                       # a required paper
        poster = tmp_path / "notice.pdf"
        write_development_notice(notice_poster(services, person, paper="A3"), poster)
        reader = PdfReader(poster)
        words = reader.pages[0].extract_text().replace("\n", "")
        assert "公示" in words and "周申请" in words and "五个工作日" in words
        assert round(float(reader.pages[0].mediabox.width)) == 842          # A3 portrait
    finally:
        set_language("en")
