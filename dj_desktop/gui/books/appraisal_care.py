"""Opening the appraisal and care books from a reminder or a list: a new appraisal of the year, a new
visit to the member the reminder names (with its occasion), aid received, or one saved record."""

from __future__ import annotations

from dj_desktop.gui.books import register_opener


def _opener(name: str):
    def _open(host, services, target, on):
        from dj_desktop.gui.dialogs import appraisal_care_dialogs
        dialog = getattr(appraisal_care_dialogs, name)
        return dialog(services, branch_id=target.branch_id, record_id=target.record_id,
                      preset=dict(target.preset or {}), today=on, parent=host)
    return _open


register_opener("appraisals", _opener("AppraisalDialog"))
register_opener("care_members", _opener("CareMemberDialog"))
register_opener("care_visits", _opener("VisitDialog"))
register_opener("care_aid", _opener("AidDialog"))
