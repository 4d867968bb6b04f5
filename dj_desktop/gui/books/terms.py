"""Opening a committee term: its branch selected in the organisation tab."""

from __future__ import annotations

from dj_desktop.gui.books import register_opener, show_in_tab


def _open(host, services, target, on):
    show_in_tab(host, "dj_desktop.gui.tabs.organisation", "OrganisationTab",
                lambda tab: tab.select_unit(target.branch_id))
    return None


register_opener("terms", _open)
