"""Opening the notice board from a reminder: the 党务公开 tab on the item, or, for an item still to be
made (the half-year dues list), the tab with that list ready to create."""

from __future__ import annotations

from dj_desktop.gui.books import register_opener, show_in_tab


def _open(host, services, target, on):
    def show(tab):
        if target.record_id is not None:
            tab.select(target.record_id)
        else:
            tab.refresh()
            tab.dues_button.setFocus()
            if target.preset.get("kind") not in (None, "dues"):
                tab.propose()

    show_in_tab(host, "dj_desktop.gui.tabs.notices", "NoticesTab", show)
    return None


register_opener("notices", _open)
