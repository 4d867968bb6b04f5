"""The office scores a branch's submitted self-assessment item by item in the office window; a score
over an item's points is refused in Chinese, nothing typed is lost, and the result reaches the branch
in the return bundle."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.test_office_window import PASSPHRASE, _export, make_branch, office, window  # noqa: F401

MANUAL = {"self.development": "4", "team.study": "5", "ranks.models": "3", "basics.files": "4",
          "centre.tasks": "9.5", "culture.activities": "8", "democracy.open": "7"}


def test_the_office_scores_a_submitted_assessment_and_it_returns(qtbot, window, make_branch, tmp_path):
    branch = make_branch("河东社区党支部")
    page = window.assessment_page
    window.tabs.setCurrentWidget(page)
    assert page.table.empty_hint.is_shown()
    kw = dict(period="2025", standard="star")
    branch.assessment.save(scores=MANUAL, **kw)
    branch.assessment.submit(**kw)
    assert window.import_page.import_paths([_export(branch, tmp_path / "stick")])

    window.tabs.setCurrentWidget(page)
    page.branch.setCurrentIndex(page.branch.findText("河东社区党支部"))
    page.period.setText("2025")
    page.standard.setCurrentIndex(page.standard.findData("star"))
    qtbot.mouseClick(page.load_button, Qt.MouseButton.LeftButton)
    assert page.save_button.isEnabled(), (page.problems.text(), page.status.text(), page.branch.count())
    assert "2025" in page.status.text()
    rows = {page.table.item(r, 0).text(): r for r in range(page.table.rowCount())}
    assert set(MANUAL) <= set(rows)
    for item_id, row in rows.items():
        page.table.item(row, 5).setText(page.table.item(row, 3).text())      # full marks …
    page.table.item(rows["centre.tasks"], 5).setText("11")                    # … but one over its points
    page.stars.setCurrentIndex(page.stars.findData(4))
    page.comment.setPlainText("基础工作扎实，中心工作需加强")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "11" in page.problems.text() and "分" in page.problems.text()
    assert page.table.item(rows["centre.tasks"], 5).text() == "11"            # what was typed stays
    assert page.comment.toPlainText() == "基础工作扎实，中心工作需加强"
    page.table.item(rows["centre.tasks"], 5).setText("8")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.problems.text() == ""
    assert "98" in page.status.text()

    back = window.write_return_bundle(branch.db.site_id, tmp_path / "back")
    assert back is not None and back.decisions == 1
    branch.sync.apply_receipts([back.path])
    at_branch = branch.assessment.sheet(**kw)
    assert (at_branch.office_stars, at_branch.office_total) == (4, 98)
    assert at_branch.office_comment == "基础工作扎实，中心工作需加强"


def test_an_unsubmitted_period_cannot_be_scored(qtbot, window, make_branch, tmp_path):
    branch = make_branch("河东社区党支部")
    branch.assessment.save(scores=MANUAL, period="2025", standard="star")
    assert window.import_page.import_paths([_export(branch, tmp_path / "stick")])
    page = window.assessment_page
    window.tabs.setCurrentWidget(page)
    page.period.setText("")
    assert not page.load()
    assert "期间" in page.problems.text() or "2025" in page.problems.text()
    page.branch.setCurrentIndex(page.branch.findText("河东社区党支部"))
    page.period.setText("2025")
    assert page.load()
    assert not page.save_button.isEnabled() and "尚未" in page.status.text()


def test_the_office_edits_a_standard_into_a_new_version(qtbot, window):
    page = window.standards_page
    window.tabs.setCurrentWidget(page)
    assert page.table.empty_hint.is_shown()
    page.standard.setCurrentIndex(page.standard.findData("star"))
    qtbot.mouseClick(page.load_button, Qt.MouseButton.LeftButton)
    rows = {page.table.item(r, 1).text(): r for r in range(page.table.rowCount())}
    assert len(rows) == 17 and page.total.text() == "100"
    page.table.item(rows["self.committee"], 3).setText("11")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "99" in page.problems.text() and "100" in page.problems.text()      # does not add up: refused
    page.table.setCurrentCell(rows["self.committee"], 2)
    new = page.add_item()
    page.table.item(new, 1).setText("self.brand")
    page.table.item(new, 2).setText("党建品牌创建")
    page.table.item(new, 3).setText("1")
    page.table.item(new, 4).setText("no_such_rule")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "self.brand" in page.problems.text() and "no_such_rule" in page.problems.text()
    assert page.table.item(new, 2).text() == "党建品牌创建"                       # nothing typed is lost
    page.table.item(new, 4).setText("manual")
    page.version.setText("2026-county")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.problems.text() == "" and "2026-county" in page.status.text()
    star = next(s for s in window.services.assessment.standards() if s.name == "star")
    assert (star.version, star.items, star.total) == ("2026-county", 18, 100)
    edited = window.services.assessment.standard("star")
    assert edited.item("self.committee").points == 11 and edited.item("self.brand").rule == "manual"
    assert edited.item("self.committee").automatic                           # its rule and params are kept
