"""Opening the dues and funds books from a reminder: the 党费和经费 tab, with the payment form of the
member (dues unpaid, arrears) or a new funds entry (funding below the standard)."""

from __future__ import annotations

from dj_desktop.gui.books import register_opener, show_in_tab

_TAB = ("dj_desktop.gui.tabs.dues", "DuesTab")


def _payment(host, services, target, on):
    opened = []

    def show(tab):
        tab.pages.setCurrentWidget(tab.dues)
        tab.dues.show_month(on.replace(day=1))
        member_id = target.preset.get("member_id")
        if member_id is not None:
            tab.dues.select_member(member_id)
        opened.append(tab.dues.record_payment(member_id))

    show_in_tab(host, *_TAB, show)
    return opened[0] if opened else None


def _funds(host, services, target, on):
    opened = []

    def show(tab):
        tab.pages.setCurrentWidget(tab.funds)
        tab.funds.refresh()
        opened.append(tab.funds.add(dict(target.preset)))

    show_in_tab(host, *_TAB, show)
    return opened[0] if opened else None


register_opener("dues_payments", _payment)
register_opener("dues_bases", _payment)
register_opener("funds", _funds)
