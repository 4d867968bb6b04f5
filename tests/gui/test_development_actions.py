"""The 发展党员 section's 延长预备期… and 打印公示… buttons over a real SQLite file: enabled only when they
apply, the extension refused the day before the probation ends and accepted on it, the poster on A3."""

from __future__ import annotations

from datetime import date

import pypdf
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox

from dj_desktop.core.db import open_database
from dj_desktop.core.i18n import set_language
from dj_desktop.core.services import build_services
from dj_desktop.gui.archives.development import DevelopmentSection
from tests.core.development_world import TODAY, add_person, make_branch, walk


def test_extension_and_notice_buttons_follow_the_person(qtbot, tmp_path, job_runner):
    set_language("zh_CN")
    db = open_database(tmp_path / "branch.db")
    try:
        services = build_services(db)
        branch, meeting = make_branch(services)
        candidate = add_person(services, branch, name="钱对象")
        walk(services, candidate, meeting, up_to=12)
        probationary = add_person(services, branch)
        walk(services, probationary, meeting, up_to=17)
        section = DevelopmentSection(services)
        qtbot.addWidget(section)
        section.job_runner = job_runner
        section.today = lambda: TODAY
        section.refresh()
        section.select(candidate)
        assert section.actions.notice.button.isEnabled() and not section.actions.extend_button.isEnabled()
        assert section.actions.notice.button.text() == "打印公示…"

        shown = []
        section.actions.notice.present = lambda path, print_it: shown.append(path)
        next(a for a in section.actions.notice.actions if "A3" in a.text() and "预览" in a.text()).trigger()
        reader = pypdf.PdfReader(shown[0])
        assert "钱对象" in reader.pages[0].extract_text() and round(float(reader.pages[0].mediabox.height)) == 1191

        section.select(probationary)                 # the conversion notice is posted the day it is printed
        next(a for a in section.actions.notice.actions if "A4" in a.text() and "预览" in a.text()).trigger()
        words = pypdf.PdfReader(shown[1]).pages[0].extract_text().replace("\n", "")
        assert "转为正式党员" in words and "公开期：2026年11月28日至2026年12月4日" in words
        assert section.actions.extend_button.isEnabled() and section.actions.extend_button.text() == "延长预备期…"
        dialog = section.actions.make_extension_dialog()
        qtbot.addWidget(dialog)
        assert (dialog.months.minimum(), dialog.months.maximum()) == (6, 12)
        dialog.months.setValue(9)
        dialog.on.setDate(QDate(date(2025, 3, 31)))      # the day before the probation ends (2024-04-01 + 1 year)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert not dialog.result() and "2025年4月1日" in dialog.error.text()
        assert dialog.months.value() == 9                 # nothing typed is lost
        dialog.on.setDate(QDate(date(2025, 4, 1)))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert dialog.result(), dialog.error.text()
        section.refresh()
        assert section.selected().extensions == 1 and "9" in section.summary.text()
        assert not section.actions.extend_button.isEnabled()          # only once
        assert section.actions.make_extension_dialog() is None
    finally:
        db.dispose()
        set_language("en")
