"""Opening the practice, pledge and points books from a reminder: the form that settles it."""

from __future__ import annotations

from dj_desktop.gui.books import register_opener, show_in_tab


def _practice(host, services, target, on):
    from dj_desktop.gui.dialogs.points_dialogs import PracticeDialog
    return PracticeDialog(services, branch_id=target.branch_id, record_id=target.record_id,
                          preset=dict(target.preset), today=on, parent=host)


def _pledge(host, services, target, on):
    from dj_desktop.gui.dialogs.points_dialogs import PledgeDialog
    return PledgeDialog(services, branch_id=target.branch_id, record_id=target.record_id,
                        preset=dict(target.preset), today=on, parent=host)


def _points(host, services, target, on):
    month = target.preset.get("month")
    show_in_tab(host, "dj_desktop.gui.tabs.points", "PointsTab",
                lambda tab: tab.show_month(month) if month else tab.refresh())
    return None


register_opener("practice", _practice)
register_opener("pledges", _pledge)
register_opener("points", _points)
