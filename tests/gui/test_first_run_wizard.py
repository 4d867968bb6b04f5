"""The first-run wizard creates the branch, its upper organisation and its groups through the services."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from dj_desktop.gui.app import ensure_branch
from dj_desktop.gui.dialogs.first_run_wizard import FirstRunWizard
from dj_desktop.gui.dialogs.organisation_forms import select_data


def _wizard(qtbot, services) -> FirstRunWizard:
    wizard = FirstRunWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_wizard_creates_the_branch_with_upper_organisation_and_groups(qtbot, type_text, services):
    assert not services.organisation.has_branch()
    wizard = _wizard(qtbot, services)
    page = wizard.branch_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no name yet
    type_text(page.name, "中共红旗村支部委员会")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert select_data(page.setting, "village")
    type_text(page.founded, "1998年7月1日")
    type_text(page.upper_name, "中共红旗镇委员会")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.groups_page
    type_text(wizard.groups_page.groups, "第一党小组")
    wizard.groups_page.groups.appendPlainText("第二党小组\n\n第一党小组")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    assert wizard.result() == QWizard.DialogCode.Accepted
    org = services.organisation
    branch = org.first_branch()
    assert branch.name == "中共红旗村支部委员会" and branch.setting == "village"
    assert branch.founded_on == date(1998, 7, 1)
    upper = org.get_unit(branch.parent_id)
    assert upper.name == "中共红旗镇委员会" and upper.kind == "committee"
    assert [g.name for g in org.groups(branch.id)] == ["第一党小组", "第二党小组"]


def test_wizard_refuses_an_unreadable_founding_date(qtbot, type_text, services):
    wizard = _wizard(qtbot, services)
    page = wizard.branch_page
    type_text(page.name, "某社区党支部")
    type_text(page.founded, "98/7")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is page
    assert page.error.text().startswith("成立时间")
    assert not services.organisation.has_branch()


def test_joint_branch_records_its_unit_count(qtbot, type_text, services):
    wizard = _wizard(qtbot, services)
    page = wizard.branch_page
    type_text(page.name, "某园区联合党支部")
    assert select_data(page.form_choice, "joint")
    page.unit_count.setValue(4)
    wizard.next()
    wizard.accept()
    branch = services.organisation.first_branch()
    assert branch.is_joint and branch.unit_count == 4 and branch.parent_id is None


def test_start_up_runs_the_wizard_only_without_a_branch(qtbot, type_text, services, answer_modal):
    def finish(wizard):
        assert isinstance(wizard, FirstRunWizard)
        type_text(wizard.branch_page.name, "新建支部")
        wizard.next()
        wizard.accept()
    seen = answer_modal(finish)
    assert ensure_branch(services)
    assert seen and services.organisation.first_branch().name == "新建支部"
    # With a branch, no dialog opens at all.
    assert ensure_branch(services)
