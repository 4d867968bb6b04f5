"""Dialog errors for a new secretary: nothing red before typing, and a message never moves the fields below."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.gui.tabs.roster import RosterTab


def _dialog(qtbot, main_window):
    tab = main_window.tab(RosterTab)
    main_window.tabs.setCurrentWidget(tab)
    dialog = tab.member_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_nothing_is_red_before_the_user_has_typed(qtbot, main_window):
    dialog = _dialog(qtbot, main_window)
    assert all(dialog.field_message(name) == "" for name in dialog.rows)
    assert all("c62828" not in row.editor.styleSheet() for row in dialog.rows.values())
    assert not dialog.save_button.isEnabled()
    # The summary says, without red, what is still needed.
    assert "还需填写" in dialog.general.text() and "姓名" in dialog.general.text()
    assert "c62828" not in dialog.general.styleSheet()
    dialog.close()


def test_an_error_message_leaves_the_next_field_where_it_was(qtbot, main_window, type_text):
    dialog = _dialog(qtbot, main_window)
    below = dialog.edits["birth_date"]
    before = below.mapTo(dialog, below.rect().topLeft())
    good = make_id_number("110101", date(1985, 1, 2), 12, gender="male")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    type_text(dialog.edits["id_number"], bad)
    qtbot.wait(20)
    assert "校验" in dialog.field_message("id_number")  # the error shows beside the field
    assert dialog.rows["id_number"].message.isVisible()
    assert below.mapTo(dialog, below.rect().topLeft()) == before
    assert "校验" in dialog.general.text()  # and in full in the fixed summary line
    # Fields not typed into still show nothing.
    assert dialog.field_message("joined_on") == ""
    dialog.close()


def test_save_tried_shows_every_error(qtbot, main_window, type_text):
    dialog = _dialog(qtbot, main_window)
    type_text(dialog.edits["name"], "王")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.field_message("id_number") and dialog.field_message("joined_on")
    dialog.close()
