"""The sync tab (同步) on a branch: enrol with the office, export bundles, apply receipts, see what arrived."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTemporaryDir, Qt
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.record_books import describe_counts
from dj_desktop.core.services import Services
from dj_desktop.gui import file_dialogs, print_preview
from dj_desktop.gui.dialogs.export_dialog import ExportDialog, format_size
from dj_desktop.gui.empty_hint import button_name
from dj_desktop.gui.office.rows_model import RowsTableModel, make_table_view
from dj_desktop.gui.tabs.base import BaseTab
from dj_desktop.gui.workers import runner_for, show_error

STATUS_LABELS = {"applied": N_("Applied"), "duplicate": N_("Already received"), "rejected": N_("Rejected"),
                 "held": N_("Held for approval")}
EXPORT_HEADERS = (N_("Exported at"), N_("File"), N_("Kind"), N_("Size"))
RECEIPT_HEADERS = (N_("Office time"), N_("Status"), N_("Records"), N_("Reason for refusal"))


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def _time(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _export_kind(export, *, first: bool) -> str:
    """A bundle from the very beginning (the first one, or one asked for in full) carries every record."""
    if export.full or export.seq_from == 0:
        return _("First (full) export") if first else _("Full export")
    return _("Changes since the last receipt")


class SyncTab(BaseTab):
    order = 90

    @classmethod
    def title(cls) -> str:
        return _("Sync with the office")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.office_label = QLabel()
        self.office_fp_label = QLabel()
        self.device_fp_label = QLabel()
        self.device_fp_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        for label in (self.office_label, self.office_fp_label, self.device_fp_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.enrol_button = QPushButton(_("Import enrolment file…"))
        self.slip_button = QPushButton(_("Print registration slip…"))
        self.slip_button.setToolTip(_("A slip with this computer's fingerprint for the office to check and sign"))
        self._slips, self._slip_count = QTemporaryDir(), 0
        #: How the written slip is shown (``(pdf path) -> None``); tests replace it to avoid the dialog.
        self.present_slip = lambda path: print_preview.show_print_preview(path, self)
        self.last_slip: Path | None = None
        enrol_box = QGroupBox(_("Enrolment with the office"))
        form = QFormLayout(enrol_box)
        form.addRow(_("Office:"), self.office_label)
        form.addRow(_("Office fingerprint:"), self.office_fp_label)
        form.addRow(_("This computer's fingerprint:"), self.device_fp_label)
        form.addRow(QLabel(_("Read this fingerprint to the office when they register this computer; "
                             "both must be identical.")))
        enrol_buttons = QHBoxLayout()
        enrol_buttons.addWidget(self.enrol_button)
        enrol_buttons.addWidget(self.slip_button)
        enrol_buttons.addStretch(1)
        form.addRow(enrol_buttons)

        self.seq_label = QLabel()
        self.pending_label = QLabel()
        self.export_button = QPushButton(_("Export to USB stick…"))
        self.receipt_button = QPushButton(_("Apply receipts from the office…"))
        send_box = QGroupBox(_("Bundles and receipts"))
        send_form = QFormLayout(send_box)
        send_form.addRow(_("Last export:"), self.seq_label)
        send_form.addRow(_("Added or changed since last handed to the office:"), self.pending_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.receipt_button)
        buttons.addStretch(1)
        send_form.addRow(buttons)

        self.exports_model = RowsTableModel(EXPORT_HEADERS, self)
        self.receipts_model = RowsTableModel(RECEIPT_HEADERS, self)
        self.exports_view = make_table_view(self.exports_model, self, empty=lambda: _(
            "No bundle written yet. Click \"{export}\" to hand your records to the office.").format(
                export=button_name(self.export_button)))
        self.receipts_view = make_table_view(self.receipts_model, self, empty=lambda: _(
            "No receipt yet. When the office gives you its receipts, click \"{receipt}\".").format(
                receipt=button_name(self.receipt_button)))
        exports_box = QGroupBox(_("Bundles written"))
        QVBoxLayout(exports_box).addWidget(self.exports_view)
        receipts_box = QGroupBox(_("What the office has received"))
        QVBoxLayout(receipts_box).addWidget(self.receipts_view)

        top = QHBoxLayout()
        top.addWidget(enrol_box, 1)
        top.addWidget(send_box, 1)
        tables = QHBoxLayout()
        tables.addWidget(exports_box, 1)
        tables.addWidget(receipts_box, 1)
        # Outcome of the last action, shown in place rather than in a modal box.
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addLayout(tables, 1)

        self.enrol_button.clicked.connect(self._choose_enrolment)
        self.slip_button.clicked.connect(self.print_slip)
        self.export_button.clicked.connect(self.open_export_dialog)
        self.receipt_button.clicked.connect(self._choose_receipts)

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        status = self.services.sync.status()
        enrolment = status.enrolment
        if enrolment is None:
            self.office_label.setText(_("Not enrolled yet: import the enrolment file the office gave you."))
            self.office_fp_label.setText("—")
            self.device_fp_label.setText("—")
        else:
            self.office_label.setText(enrolment.office_name)
            self.office_fp_label.setText(enrolment.office_fingerprint)
            self.device_fp_label.setText(enrolment.device_fingerprint)
        self.enrol_button.setText(_("Import enrolment file…") if enrolment is None
                                  else _("Enrol again with a new file…"))
        # After a successful export the button waits until something changes (nothing new to send).
        exported_all = bool(status.exports) and status.current_seq <= status.exports[0].seq_to
        self.export_button.setEnabled(enrolment is not None and not exported_all)
        self.export_button.setToolTip(_("Everything was exported on {day}; the button is available again "
                                        "once a record is added or changed.").format(
            day=_time(status.exports[0].created_at)) if exported_all else "")
        self.receipt_button.setEnabled(enrolment is not None)
        self.slip_button.setEnabled(enrolment is not None)
        if status.exports:
            last = status.exports[0]
            self.seq_label.setText(_("{day}, {kind}").format(day=_time(last.created_at), kind=_export_kind(
                last, first=len(status.exports) == 1)))
        else:
            self.seq_label.setText(_("None yet: the first export is a full export of every record."))
        self.pending_label.setText(_("{n} records").format(n=status.pending_records))
        self.exports_model.set_rows(
            [(_time(e.created_at), e.file_name, _export_kind(e, first=i == len(status.exports) - 1),
              format_size(e.size))
             for i, e in enumerate(status.exports)],
            keys=[e.bundle_id for e in status.exports])
        self.receipts_model.set_rows(
            [(_time(r.office_time), status_label(r.status), describe_counts(r.applied), r.reason)
             for r in status.receipts],
            keys=[r.bundle_id for r in status.receipts],
            warn=[r.status == "rejected" for r in status.receipts])

    # -- actions -----------------------------------------------------------------------------
    def _choose_enrolment(self) -> None:
        path = file_dialogs.choose_open_file(self, _("Choose the enrolment file from the office"),
                                             file_dialogs.ENROLMENT)
        if path:
            self.enrol(path)

    def enrol(self, path: str | Path):
        try:
            info = self.services.sync.enrol(path)
        except UserError as exc:
            show_error(self, exc)
            return None
        self.refresh()
        self.notice.setText(_(
            "This computer is enrolled with {office}. Its fingerprint is {fingerprint}; the office compares "
            "it when your first bundle arrives.").format(office=info.office_name,
                                                         fingerprint=info.device_fingerprint))
        return info

    def print_slip(self) -> None:
        """Write the device registration slip (off the UI thread, like every printout) and show it."""
        from datetime import date

        services = self.services
        self._slip_count += 1
        target = Path(self._slips.path()) / f"registration-slip-{self._slip_count}.pdf"

        def job(_progress) -> Path:
            from dj_desktop.reports.pdf.enrolment_slip import write_enrolment_slip
            write_enrolment_slip(services.printing.enrolment_slip(date.today()), target)
            return target

        def done(path: Path) -> None:
            self.last_slip = path
            self.present_slip(path)

        runner_for(self).run(job, parent=self, title=_("Preparing the registration slip"), on_result=done)

    def open_export_dialog(self) -> ExportDialog:
        dialog = ExportDialog(self.services, self)
        dialog.finished.connect(lambda _code: self.refresh())
        dialog.open()
        return dialog

    def _choose_receipts(self) -> None:
        paths = file_dialogs.choose_open_files(self, _("Choose receipt files or return bundles"),
                                               file_dialogs.RECEIPT)
        if paths:
            self.apply_receipts(paths)

    def apply_receipts(self, paths: list[str | Path]):
        try:
            results = self.services.sync.apply_receipts(list(paths))
        except UserError as exc:
            show_error(self, exc)
            self.refresh()
            return None
        self.refresh()
        new = sum(r.newly_applied for r in results)
        text = _("{new} new receipts applied. Records still to hand to the office: {n}.").format(
            new=new, n=self.services.sync.status().pending_records)
        updated = sum(r.records_updated for r in results)
        if updated:
            text += " " + _("{n} records were changed to what the office decided after reviewing "
                            "conflicting entries (see each record's history).").format(n=updated)
        self.notice.setText(text)
        return results


TAB = SyncTab
