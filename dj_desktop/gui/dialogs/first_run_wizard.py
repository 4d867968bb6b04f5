"""The first-run wizard: creates the Party branch (and its upper organisation and groups)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget, QWizard,
    QWizardPage,
)

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core import vocabularies as vocab
from dj_desktop.core.vocabularies.organisation import ORG_KINDS, SETTINGS_KINDS
from dj_desktop.core.rules.dates import normalise_text, parse_optional_date
from dj_desktop.core.services import Services
from dj_desktop.core.services.organisation_records import OrgUnit

BRANCH_FORMS = {"branch": N_("Party branch"), "joint": N_("Joint Party branch (covers several units)")}
UPPER_KINDS = ("committee", "general_branch")


def _error_text(exc: UserError) -> str:
    return "\n".join(exc.problems.values()) if isinstance(exc, ValidationError) else str(exc)


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet("color: #c62828;")
    label.setWordWrap(True)
    return label


class BranchPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(_("Your Party branch"))
        self.setSubTitle(_("The program keeps the record books of one branch. Enter it as in its founding papers."))
        form = QFormLayout(self)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_("e.g. 中共××村支部委员会"))
        form.addRow(_("Branch name"), self.name)
        self.form_choice = QComboBox(self)
        for code, label in BRANCH_FORMS.items():
            self.form_choice.addItem(_(label), code)
        form.addRow(_("Kind"), self.form_choice)
        self.unit_count = QSpinBox(self)
        self.unit_count.setRange(2, 5)
        form.addRow(_("Units covered"), self.unit_count)
        self.form_choice.currentIndexChanged.connect(
            lambda: self.unit_count.setEnabled(self.form_choice.currentData() == "joint"))
        self.unit_count.setEnabled(False)
        self.setting = QComboBox(self)
        for code, text in vocab.choices(SETTINGS_KINDS):
            self.setting.addItem(text, code)
        form.addRow(_("Setting"), self.setting)
        self.founded = QLineEdit(self)
        self.founded.setPlaceholderText(_("e.g. 2019-07-01"))
        form.addRow(_("Founded on"), self.founded)
        self.upper_name = QLineEdit(self)
        self.upper_name.setPlaceholderText(_("e.g. 中共××街道工作委员会 (may be left empty)"))
        form.addRow(_("Upper organisation"), self.upper_name)
        self.upper_kind = QComboBox(self)
        for code in UPPER_KINDS:
            self.upper_kind.addItem(vocab.label(ORG_KINDS, code), code)
        form.addRow(_("Upper organisation kind"), self.upper_kind)
        self.error = _error_label(self)
        form.addRow(self.error)
        self.founded_on: date | None = None
        self.name.textChanged.connect(lambda: self.completeChanged.emit())

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        return bool(normalise_text(self.name.text()))

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        try:
            self.founded_on = parse_optional_date(self.founded.text())
        except ValueError as exc:
            self.error.setText(_("Founding date: {problem}").format(problem=exc))
            return False
        if self.founded_on is not None and self.founded_on > date.today():
            self.error.setText(_("The founding date is in the future; check the year."))
            return False
        self.error.clear()
        return True


class GroupsPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(_("Party groups"))
        self.setSubTitle(_("One group per line (for example 第一党小组). You can add or rename groups later."))
        layout = QVBoxLayout(self)
        self.groups = QPlainTextEdit(self)
        layout.addWidget(self.groups)
        self.error = _error_label(self)
        layout.addWidget(self.error)

    def group_names(self) -> list[str]:
        names: list[str] = []
        for line in self.groups.toPlainText().splitlines():
            name = normalise_text(line, keep_inner_spaces=True)
            if name and name not in names:
                names.append(name)
        return names


class FirstRunWizard(QWizard):
    """Creates the branch through ``OrganisationService`` when the user clicks Finish."""

    def __init__(self, services: Services, *, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.branch: OrgUnit | None = None
        self.setWindowTitle(_("First start: set up the branch"))
        self.branch_page = BranchPage(self)
        self.groups_page = GroupsPage(self)
        self.addPage(self.branch_page)
        self.addPage(self.groups_page)
        self.resize(640, 480)

    def accept(self) -> None:
        try:
            self.branch = self.create_branch()
        except UserError as exc:
            self.groups_page.error.setText(_error_text(exc))
            return
        super().accept()

    def create_branch(self) -> OrgUnit:
        page, org = self.branch_page, self._services.organisation
        setting = page.setting.currentData()
        if self.branch is None:
            # Finish may be pressed again after a refused group name: the branch then exists already.
            self.branch = org.create_first_branch(
                page.name.text(), setting=setting, founded_on=page.founded_on,
                parent_name=page.upper_name.text(), parent_kind=page.upper_kind.currentData())
        if page.form_choice.currentData() == "joint":
            self.branch = org.update_unit(self.branch.id, setting=setting, founded_on=page.founded_on,
                                          is_joint=True, unit_count=page.unit_count.value())
        existing = {g.name for g in org.groups(self.branch.id)}
        for name in self.groups_page.group_names():
            if name not in existing:
                org.add_unit(name, kind="group", parent_id=self.branch.id)
        return self.branch
