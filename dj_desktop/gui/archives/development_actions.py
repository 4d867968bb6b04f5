"""More buttons of the 发展党员 section: 延长预备期… (a probationary member's extension, once, by the
months the rule set allows) and 打印公示… (the public-notice poster on A4 or A3, previewed, printed or
saved as PDF like every other printout). Each is enabled only when it applies to the selected person."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox, QWidget

from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress
from dj_desktop.core.services import Services
from dj_desktop.gui.dialogs.development_dialogs import _date_edit, _RefusableDialog
from dj_desktop.gui.pdf_jobs import PdfJobs

if TYPE_CHECKING:
    from dj_desktop.gui.archives.development import DevelopmentSection

#: Stages whose public notice (公示) can be printed: before admission and before conversion.
NOTICE_STAGES = ("candidate", "probationary")
#: The step that decides the conversion (支部党员大会讨论转正); an extension must come before it.
CONVERSION_VOTE = 23


def can_extend(person, extension_times: int = 1) -> bool:
    """A probationary member whose conversion is not yet voted on and who was not extended yet."""
    return (person is not None and person.stage == "probationary" and person.extensions < extension_times
            and person.last_step < CONVERSION_VOTE)


def papers_text(step) -> str:
    """The timeline's 材料 cell: attached of required papers ("材料 2/3"), empty when none is required."""
    if step is None or not step.required:
        return ""
    return _("papers {attached}/{required}").format(attached=step.attached, required=step.required)


class ExtensionDialog(_RefusableDialog):
    """延长预备期: the months (within the rule set's range) and the day the general meeting decided it."""

    def __init__(self, services: Services, person, today: date, parent: QWidget | None = None):
        super().__init__(parent, _("Extend the probation of {name}").format(name=person.name))
        self.services, self.person, self.today = services, person, today
        rules = services.development.rules(person.id)
        self.form.addRow(QLabel(rules.extension_article, self))
        self.months = QSpinBox(self)
        self.months.setRange(rules.extension_min_months, rules.extension_max_months)
        self.months.setSuffix(" " + _("months"))
        self.on = _date_edit(self, today)
        self.form.addRow(_("Extended by"), self.months)
        self.form.addRow(_("Decided on"), self.on)

    def save(self) -> None:
        self.attempt(lambda: self.services.development.extend_probation(
            self.person.id, months=self.months.value(), on=self.on.date().toPython(), today=self.today))


class NoticePrinting(PdfJobs):
    """打印公示…: the notice poster of the selected candidate or probationary member."""

    def __init__(self, section: DevelopmentSection):
        super().__init__(section)
        self.button.setText(_("Print notice…"))
        self.person = None
        self.actions = []
        for paper in ("A4", "A3"):
            for label, print_it, save in ((_("Preview the notice on {paper}…"), False, False),
                                          (_("Print the notice on {paper}…"), True, False),
                                          (_("Save the notice on {paper} as PDF…"), False, True)):
                action = self.menu.addAction(label.format(paper=paper))
                action.triggered.connect(lambda _c=False, p=paper, pr=print_it, s=save: self.poster(
                    p, print_it=pr, save=s))
                self.actions.append(action)
            self.menu.addSeparator()

    def poster(self, paper: str, *, print_it: bool, save: bool = False) -> None:
        person = self.person
        if person is None:
            return
        from dj_desktop.core.services.development_print import notice_poster
        # The conversion notice is no step of its own: it is posted on the day it is printed.
        posted_on = self.tab.today() if person.stage == "probationary" else None
        poster = notice_poster(self.tab.services, person.id, paper=paper, posted_on=posted_on)

        def write(path: Path, progress: Progress) -> None:
            from dj_desktop.reports.pdf.development_file import write_development_notice
            write_development_notice(poster, path)

        stem = _("Public notice {name}").format(name=person.name)
        self._run(_("Preparing the notice for printing"), write, self._target(stem, poster.posted_on or
                                                                              self.tab.today()),
                  print_it=print_it, save=save)


class DevelopmentActions:
    """The two buttons, added to the section's button row; :meth:`update` follows the selection."""

    def __init__(self, section: DevelopmentSection):
        self.section = section
        self.extend_button = QPushButton(_("Extend probation…"), section)
        self.extend_button.clicked.connect(self.extend_probation)
        self.notice = NoticePrinting(section)
        self.calendar_button = QPushButton(_("Working-day calendar…"), section)
        self.calendar_button.clicked.connect(self.edit_calendar)
        self.papers_button = QPushButton(_("Papers…"), section)
        self.papers_button.clicked.connect(self.edit_papers)
        self.buttons = (self.papers_button, self.extend_button, self.notice.button, self.calendar_button)

    def update(self, person) -> None:
        self.papers_button.setEnabled(person is not None)
        self.calendar_button.setEnabled(self.section.services.organisation.first_branch() is not None)
        self.extend_button.setEnabled(can_extend(person))
        self.extend_button.setToolTip("" if can_extend(person) else _(
            "Only a probationary member whose conversion is not yet decided, and whose probation was not "
            "extended before, can have the probation extended."))
        self.notice.person = person if person is not None and person.stage in NOTICE_STAGES else None
        self.notice.button.setEnabled(self.notice.person is not None)
        self.notice.button.setToolTip("" if self.notice.person else _(
            "A public notice is printed for a candidate (before admission) or a probationary member "
            "(before conversion)."))

    def make_calendar_dialog(self):
        from dj_desktop.gui.dialogs.work_calendar_dialog import WorkCalendarDialog
        branch = self.section.services.organisation.first_branch()
        return WorkCalendarDialog(self.section.services, branch.id, self.section.today(), self.section) \
            if branch is not None else None

    def edit_calendar(self) -> None:
        dialog = self.make_calendar_dialog()
        if dialog is not None:
            dialog.exec()
            self.section.refresh()          # bounds counted in working days may have moved

    def make_papers_dialog(self):
        from dj_desktop.gui.dialogs.development_papers_dialog import PapersDialog
        person = self.section.selected()
        return PapersDialog(self.section.services, person, self.section.today(), self.section) if person else None

    def edit_papers(self) -> None:
        dialog = self.make_papers_dialog()
        if dialog is not None:
            dialog.exec()
            self.section.refresh()          # the timeline's 材料 column

    def make_extension_dialog(self) -> ExtensionDialog | None:
        person = self.section.selected()
        return ExtensionDialog(self.section.services, person, self.section.today(), self.section) \
            if can_extend(person) else None

    def extend_probation(self) -> None:
        dialog = self.make_extension_dialog()
        if dialog is not None and dialog.exec():
            self.section.refresh()
