"""Opening the plans book: the plan or summary of a year."""

from __future__ import annotations

from dj_desktop.gui.books import register_opener


def _open(host, services, target, on):
    from dj_desktop.gui.dialogs.plan_dialog import PlanDialog
    if target.record_id is not None:
        record = services.records.get("plans", target.record_id)
        year, kind = record.values["year"], record.values["kind"]
    else:
        year, kind = target.preset.get("year", on.year), target.preset.get("kind", "plan")
    return PlanDialog(services, branch_id=target.branch_id, year=year, kind=kind, parent=host)


register_opener("plans", _open)
