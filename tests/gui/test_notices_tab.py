"""The 党务公开 tab on the demo branch: an item proposed, reviewed, approved and posted through the real
dialogs (a date before the previous step refused with the reason, nothing lost), its poster printed on
A3 and read back, and the posting-ended reminder opening the item on this tab."""

from __future__ import annotations

from datetime import date, timedelta

import pypdf

from dj_desktop.gui.books import open_target
from dj_desktop.gui.tabs.notices import NoticesTab

TITLE = "关于评选优秀共产党员的决定"


def _row(tab, title):
    return next(i for i in range(tab.table.rowCount()) if tab.table.item(i, 2).text() == title)


def test_propose_approve_post_and_print_a_notice(qtbot, main_window, gui_services, type_text):
    today = date.today()
    tab = main_window.tab(NoticesTab)
    main_window.tabs.setCurrentWidget(tab)
    tab.today = lambda: today
    tab.refresh()
    before = tab.table.rowCount()
    assert before >= 1 and not tab.printing.button.isEnabled()

    dialog = tab.propose()
    qtbot.addWidget(dialog)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("decision"))
    assert dialog.save() is False and dialog.banner.text()          # no title yet: refused, says why
    type_text(dialog.title_edit, TITLE)
    dialog.body_edit.setPlainText("经支部委员会研究，决定表彰下列同志。")
    dialog.by_edit.setText("王书记")
    assert dialog.save() is True
    assert tab.table.rowCount() == before + 1 and tab.selected().title == TITLE
    assert tab.table.item(_row(tab, TITLE), 3).text() == "已提出"

    # 保密审查: a date before the proposal is refused with the reason; the item keeps its stage.
    dialog = tab.next_step()
    qtbot.addWidget(dialog)
    assert dialog.step == "reviewed"
    dialog.on_edit.setDate(today - timedelta(days=3))
    assert dialog.save() is False and "之间" in dialog.banner.text()
    assert gui_services.notices.get(tab.selected_id()).stage == "proposed"
    dialog.on_edit.setDate(today)
    assert dialog.save() is True and tab.selected().stage == "reviewed"
    assert not tab.printing.button.isEnabled()                        # not approved: no poster yet

    dialog = tab.next_step()
    qtbot.addWidget(dialog)
    assert dialog.step == "approved" and dialog.save() is True
    assert tab.printing.button.isEnabled()

    shown = []
    tab.printing.present = lambda path, print_it: shown.append((path, print_it))
    a3 = next(a for a in tab.printing.actions if "A3" in a.text() and "预览" in a.text())
    a3.trigger()
    (path, print_it), = shown
    reader = pypdf.PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    assert TITLE in text and "表彰" in text and not print_it
    assert round(float(reader.pages[0].mediabox.height)) == 1191     # A3 portrait, in points

    dialog = tab.next_step()
    qtbot.addWidget(dialog)
    assert dialog.step == "posted" and dialog.until_edit is not None
    dialog.until_edit.setDate(today - timedelta(days=1))
    assert dialog.save() is False and dialog.banner.text()            # the period ends before it starts
    dialog.until_edit.setDate(today)
    assert dialog.save() is True
    row = _row(tab, TITLE)
    assert tab.table.item(row, 3).text() == "已公开" and "至" in tab.table.item(row, 4).text()
    assert not tab.step_button.isEnabled()

    # On the last day the board reminds to take it down; the reminder opens the item here.
    reminder = next(r for r in gui_services.reminders.reminders(today)
                    if r.kind == "notice_posting_ended" and r.subject == TITLE)
    main_window.tabs.setCurrentIndex(0)
    assert open_target(main_window, gui_services, reminder.target, on=today) is None
    assert main_window.tabs.currentWidget() is tab and tab.selected().title == TITLE
