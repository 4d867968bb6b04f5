"""Tab 党务公开 (notice board): every item ever proposed, its procedure 提出 → 保密审查 → 审批 → 实施
(who and when at each step) and its posting period; propose an item, do its next step, create the
half-year dues list or the year's funds statement from the records, and print an approved item as
a poster (A4 or A3, large type). Every write goes through ``services.notices``."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.services import Services
from dj_desktop.core.vocabularies.notices import NOTICE_KINDS, NOTICE_STEPS
from dj_desktop.gui.dialogs.notice_dialogs import ProposeDialog, StepDialog
from dj_desktop.gui.record_pages import record_table, wrapped_label
from dj_desktop.gui.tabs.base import BaseTab
from dj_desktop.gui.tabs.notices_printing import NoticePrinting

if TYPE_CHECKING:  # the service module loads on first use, not at start-up
    from dj_desktop.core.services.notices import Notice

COLUMNS = ("Proposed on", "Kind", "Title", "Stage", "On the board")
_ID = Qt.ItemDataRole.UserRole
#: The filter's choices: (label, test on an item and today).
FILTERS: tuple[tuple[str, Callable[[Notice, date], bool]], ...] = (
    ("All items", lambda n, on: True),
    ("Waiting for a step", lambda n, on: n.stage != "posted"),
    ("On the board now", lambda n, on: n.stage == "posted" and not n.posting_ended(on)),
    ("Posting period ended", lambda n, on: n.posting_ended(on)),
)


def board_state(notice: Notice, on: date) -> str:
    """The posting period as a secretary reads it: "2026年11月1日 至 2026年11月7日（已结束）"."""
    posted = notice.steps["posted"][1]
    if posted is None:
        return ""
    period = _("{first} to {last}").format(first=date_text(posted), last=date_text(notice.post_until))
    return _("{period} (ended)").format(period=period) if notice.posting_ended(on) else period


class NoticesTab(BaseTab):
    order = 58

    @classmethod
    def title(cls) -> str:
        return _("Notice board")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.today: Callable[[], date] = date.today
        self.notices: list[Notice] = []
        #: The dialog opened last (tests drive it; it is never run modally).
        self.active_dialog = None
        self.filter_box = QComboBox(self)
        for label, _test in FILTERS:
            self.filter_box.addItem(_(label))
        self.year_box = QComboBox(self)
        self.table = record_table(self, [_(c) for c in COLUMNS], _(
            "Nothing on the notice board yet. Click \"Propose an item…\", or create the half-year dues list or the "
            "funds statement from the records."), stretch=2)
        self.detail = wrapped_label(self)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = wrapped_label(self)
        self.propose_button = QPushButton(_("Propose an item…"), self)
        self.step_button = QPushButton(_("Next step…"), self)
        self.dues_button = QPushButton(_("Half-year dues list"), self)
        self.half_box = QComboBox(self)
        self.funds_button = QPushButton(_("Funds statement of the year"), self)
        self.printing = NoticePrinting(self)
        self._layout()
        self.filter_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.year_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.itemDoubleClicked.connect(lambda _item: self.next_step())
        self.propose_button.clicked.connect(self.propose)
        self.step_button.clicked.connect(self.next_step)
        self.dues_button.clicked.connect(self.create_dues_list)
        self.funds_button.clicked.connect(self.create_funds_statement)

    def _layout(self) -> None:
        top = QHBoxLayout()
        for widget in (QLabel(_("Show"), self), self.filter_box, QLabel(_("Year"), self), self.year_box):
            top.addWidget(widget)
        top.addStretch(1)
        for widget in (self.propose_button, self.step_button, self.printing.button):
            top.addWidget(widget)
        records = QHBoxLayout()
        records.addWidget(QLabel(_("From the records:"), self))
        records.addWidget(self.half_box)
        records.addWidget(self.dues_button)
        records.addWidget(self.funds_button)
        records.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(records)
        layout.addWidget(self.message)

    # -- data ------------------------------------------------------------------------------

    @property
    def branch_id(self) -> uuid.UUID | None:
        branch = self.services.organisation.first_branch()
        return branch.id if branch else None

    def refresh(self) -> None:
        branch_id = self.branch_id
        self.notices = self.services.notices.list(branch_id=branch_id) if branch_id else []
        today = self.today()
        self._fill_years(today)
        self.half_box.blockSignals(True)
        self.half_box.clear()
        for year, half in _recent_halves(today):
            label = _("{year}, first half") if half == 1 else _("{year}, second half")
            self.half_box.addItem(label.format(year=year), (year, half))
        self.half_box.blockSignals(False)
        self._fill()

    def _fill_years(self, today: date) -> None:
        chosen = self.year_box.currentData()
        years = sorted({n.steps["proposed"][1].year for n in self.notices} | {today.year}, reverse=True)
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItem(_("All years"), None)
        for year in years:
            self.year_box.addItem(str(year), year)
        index = self.year_box.findData(chosen)
        self.year_box.setCurrentIndex(max(index, 0))
        self.year_box.blockSignals(False)

    def shown(self) -> list[Notice]:
        test = FILTERS[self.filter_box.currentIndex()][1]
        year, today = self.year_box.currentData(), self.today()
        return [n for n in self.notices if test(n, today) and (year is None or n.steps["proposed"][1].year == year)]

    def _fill(self, select: uuid.UUID | None = None) -> None:
        select = select or self.selected_id()
        rows, today = self.shown(), self.today()
        self.table.setRowCount(len(rows))
        for row, n in enumerate(rows):
            cells = (date_text(n.steps["proposed"][1]), _(NOTICE_KINDS.get(n.kind, n.kind)), n.title,
                     _(NOTICE_STEPS[n.stage]), board_state(n, today))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID, n.id)
                self.table.setItem(row, col, item)
            if n.id == select:
                self.table.selectRow(row)
        self._show_selected()

    def selected_id(self) -> uuid.UUID | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.table.item(rows[0].row(), 0).data(_ID) if rows else None

    def selected(self) -> Notice | None:
        chosen = self.selected_id()
        return next((n for n in self.notices if n.id == chosen), None)

    def select(self, notice_id: uuid.UUID) -> None:
        """Show the item ``notice_id`` (a reminder opens it here): every year, every stage."""
        self.filter_box.setCurrentIndex(0)
        self.year_box.setCurrentIndex(0)
        self.refresh()
        self._fill(select=notice_id)

    def _show_selected(self) -> None:
        notice = self.selected()
        self.step_button.setEnabled(notice is not None and notice.stage != "posted")
        self.printing.set_notice(notice)
        if notice is None:
            self.detail.setText(_("Select an item to see its procedure and text."))
            return
        steps = [_("{step}: {who}, {day}").format(step=_(NOTICE_STEPS[key]), who=who, day=date_text(when))
                 for key, (who, when) in notice.steps.items() if when is not None]
        self.detail.setText("\n".join([" → ".join(steps), notice.body]))

    # -- actions ---------------------------------------------------------------------------

    def _last_person(self) -> str:
        """Who did the last step of the newest item: usually the secretary, so the forms start with it."""
        return next((who for n in self.notices for who, when in reversed(n.steps.values()) if when), "")

    def propose(self) -> ProposeDialog | None:
        if self.branch_id is None:
            return None
        dialog = ProposeDialog(self.services, branch_id=self.branch_id, today=self.today(),
                               by=self._last_person(), parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog.saved))
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def next_step(self) -> StepDialog | None:
        notice = self.selected()
        if notice is None or notice.stage == "posted":
            return None
        dialog = StepDialog(self.services, notice, today=self.today(), by=self._last_person(), parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog.saved))
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, notice: Notice | None) -> None:
        self.refresh()
        if notice is not None:
            self._fill(select=notice.id)
            self.message.setText(_("Saved: {title} — {stage}.").format(title=notice.title,
                                                                      stage=_(NOTICE_STEPS[notice.stage])))

    def _create(self, make: Callable[[uuid.UUID, str, date], Notice]) -> None:
        if self.branch_id is None:
            return
        try:
            notice = make(self.branch_id, self._last_person() or _("Branch secretary"), self.today())
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self._saved(notice)

    def create_dues_list(self) -> None:
        year, half = self.half_box.currentData() or _recent_halves(self.today())[0]
        self._create(lambda branch, by, on: self.services.notices.propose_dues_list(
            branch_id=branch, year=year, half=half, by=by, on=on, today=on))

    def create_funds_statement(self) -> None:
        year = self.year_box.currentData() or self.today().year - 1   # the year shown, else last year
        self._create(lambda branch, by, on: self.services.notices.propose_funds_statement(
            branch_id=branch, year=year, by=by, on=on, today=on))


def _recent_halves(today: date) -> list[tuple[int, int]]:
    """The half-years a dues list is usually made for: the one ending last, then the two before it."""
    year, half = (today.year - 1, 2) if today.month <= 6 else (today.year, 1)
    halves = []
    for _i in range(3):
        halves.append((year, half))
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    return halves


TAB = NoticesTab
