"""全程纪实 viewer over a real database: filters by record kind, person, text; shows the chain check."""

from __future__ import annotations

import sqlite3

from dj_desktop.core.audit import os_user
from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from dj_desktop.gui.dialogs.audit_dialog import AuditDialog


def test_the_viewer_filters_and_shows_a_broken_chain(qtbot, db_path):
    services = build_services(open_database(db_path))
    branch = services.organisation.create_first_branch("幸福里社区党支部")
    services.organisation.add_unit("第一党小组", kind="group", parent_id=branch.id)
    dialog = AuditDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2 and "校验通过" in dialog.chain_label.text()
    assert dialog.table.item(0, 2).text() == os_user() and dialog.table.item(0, 3).text() == "组织"
    dialog.text.setText("第一党小组")
    dialog.search_button.click()
    assert dialog.table.rowCount() == 1 and "第一党小组" in dialog.table.item(0, 5).text()
    dialog.person_box.setCurrentIndex(dialog.person_box.findData(os_user()))
    dialog.use_dates.setChecked(True)
    dialog.search_button.click()
    assert dialog.table.rowCount() == 1
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE audit_entry SET who = 'x' WHERE seq = 1")
    dialog.verify_button.click()
    assert "第 1 条" in dialog.chain_label.text()
    services.db.dispose()
