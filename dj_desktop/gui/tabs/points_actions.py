"""The points tab's second row of actions: a member's own sign-off of the month (本人确认), an exemption
(免予积分), the year's ranking as PDF (the most-awarded first), the selected member's pledge sheet
(承诺书) and the members' pledges put on the notice board (as a proposed item to review and approve)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QPushButton

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dues import month_text
from dj_desktop.gui.dialogs.exemption_dialog import ExemptionDialog

if TYPE_CHECKING:
    from dj_desktop.gui.tabs.points import PointsTab


class PointsActions:
    def __init__(self, tab: PointsTab):
        self.tab = tab
        #: What happened last, in one line (tests read it); also shown in a box.
        self.message = ""
        self.inform = lambda text: QMessageBox.information(tab, _("Member points"), text)
        self.sign_button = QPushButton(_("Member signs off"), tab)
        self.exempt_button = QPushButton(_("Exempt…"), tab)
        self.year_button = QPushButton(_("Year ranking as PDF…"), tab)
        self.sheet_button = QPushButton(_("Pledge sheet…"), tab)
        self.board_button = QPushButton(_("Pledges to the notice board"), tab)
        self.sign_button.clicked.connect(self.sign_off)
        self.exempt_button.clicked.connect(lambda: self.exempt())
        self.year_button.clicked.connect(self.year_ranking)
        self.sheet_button.clicked.connect(self.pledge_sheet)
        self.board_button.clicked.connect(self.pledges_to_board)

    def buttons(self) -> list[QPushButton]:
        return [self.sign_button, self.exempt_button, self.year_button, self.sheet_button, self.board_button]

    def _say(self, text: str) -> None:
        self.message = text
        self.inform(text)

    def sign_off(self) -> None:
        tab, member_id = self.tab, self.tab.selected_member()
        if member_id is None:
            self._say(_("Choose a member in the table first."))
            return
        try:
            tab.services.points.sign_off(tab.branch_id, member_id, tab.month(), on=tab.today(), today=tab.today())
        except UserError as exc:
            self._say(str(exc))
            return
        tab.refresh()
        self.message = _("Signed off {month}.").format(month=month_text(tab.month()))

    def exempt(self) -> ExemptionDialog | None:
        tab = self.tab
        if tab.branch_id is None:
            return None
        dialog = ExemptionDialog(tab.services, branch_id=tab.branch_id,
                                 people=[(r.member_id, r.name) for r in tab.rows], member_id=tab.selected_member(),
                                 month=tab.month(), reasons=tab.services.points.exempt_reasons(tab.branch_id,
                                                                                               tab.month()),
                                 today=tab.today(), parent=tab)
        dialog.accepted.connect(tab.refresh)
        dialog.open()
        return dialog

    def year_ranking(self) -> None:
        from dj_desktop.gui.file_dialogs import PDF
        from dj_desktop.reports.pdf.tabular import write_report
        tab, year = self.tab, self.tab.month().year
        path = tab.choose_path(PDF, _("Save the year's ranking"), _("Points ranking {year}").format(year=year) + ".pdf")
        if path:
            tab._write(lambda: write_report(tab.services.points.year_report(tab.branch_id, year, today=tab.today()),
                                            path))

    def _pledge_id(self):
        tab, member_id = self.tab, self.tab.selected_member()
        records = [r for r in tab.services.records.list("pledges", branch_id=tab.branch_id, year=tab.month().year)
                   if r.values.get("member_id") == member_id] if member_id else []
        return records[0].id if records else None

    def pledge_sheet(self) -> None:
        from dj_desktop.gui.file_dialogs import PDF
        tab, pledge_id = self.tab, self._pledge_id()
        if pledge_id is None:
            self._say(_("The selected member has no pledge for {year}; record it with \"Pledge and reviews…\".")
                      .format(year=tab.month().year))
            return
        printout = tab.services.records.printout("pledges", pledge_id)
        name = _("Pledge {name} {year}").format(name=printout.data.name, year=printout.data.year) + ".pdf"
        path = tab.choose_path(PDF, _("Save the pledge sheet"), name)
        if path:
            tab._write(lambda: printout.writer(printout.data, path, branch_name=printout.branch_name))

    def pledges_to_board(self) -> None:
        tab, year = self.tab, self.tab.month().year
        try:
            notice = tab.services.notices.propose_pledge_list(branch_id=tab.branch_id, year=year,
                                                              by=_("Branch secretary"), on=tab.today(),
                                                              today=tab.today())
        except UserError as exc:
            self._say(str(exc))
            return
        self._say(_("“{title}” was proposed on the notice board; review and approve it on the notice board tab "
                    "before it is posted.").format(title=notice.title))
