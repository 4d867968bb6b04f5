"""Opening the roster: the member a reminder is about, selected in the roster tab."""

from __future__ import annotations

from dj_desktop.gui.books import register_opener, show_in_tab


def _open(host, services, target, on):
    show_in_tab(host, "dj_desktop.gui.tabs.roster", "RosterTab", lambda tab: tab.select_member(target.record_id))
    return None


register_opener("members", _open)
