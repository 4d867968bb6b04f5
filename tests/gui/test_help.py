"""帮助 → 用户手册 opens the guide shipped with the program, offline; the office window has 文件 and 帮助."""

from __future__ import annotations

import sys

from dj_desktop import assets
from dj_desktop.gui.office_window import OfficeWindow


def test_help_menu_opens_the_shipped_user_guide_with_its_pictures(main_window, qtbot):
    assert main_window.guide_action.text() == "用户手册"
    main_window.guide_action.trigger()
    dialog = main_window.guide
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "支部台账 用户手册" in text and "党员花名册" in text
    # The pictures are found next to the guide (no network, no external viewer).
    html = dialog.browser.toHtml()
    assert "screenshots/main_window.png" in html
    image = dialog.browser.document().resource(3, "screenshots/main_window.png")  # QTextDocument.ImageResource
    assert image is not None and not image.isNull()
    dialog.close()


def test_the_frozen_program_reads_the_guide_from_its_own_folder(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "用户手册.md").write_text("# 手册", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert assets.user_guide_path() == tmp_path / "docs" / "用户手册.md"
    assert assets.user_guide_path().read_text(encoding="utf-8") == "# 手册"


def test_spec_ships_the_docs_folder():
    spec = (assets.resources_dir().parent / "installer" / "dj_desktop.spec").read_text(encoding="utf-8")
    assert '(str(root / "docs"), "docs")' in spec


def test_office_window_has_file_and_help_menus(qtbot, tmp_path):
    from dj_desktop.core.db import open_database
    from dj_desktop.core.services import build_services
    services = build_services(open_database(tmp_path / "office.db"))
    services.office.initialise(name="城关镇党委", passphrase="a passphrase for tests", out_dir=tmp_path / "handout")
    window = OfficeWindow(services)
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "帮助(&H)"]
    window.guide_action.trigger()
    assert "用户手册" in window.guide.browser.toPlainText()
    window.guide.close()
    services.db.dispose()
