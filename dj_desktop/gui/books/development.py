"""Opening the development book from a reminder: the 档案 tab's 发展党员 section, the person selected."""

from __future__ import annotations

from dj_desktop.gui.books import register_opener, show_in_tab


def _show(tab, record_id) -> None:
    from dj_desktop.gui.archives.development import DevelopmentSection
    section = next(p for p in tab.sections if isinstance(p, DevelopmentSection))
    tab.pages.setCurrentWidget(section)
    section.refresh()
    if record_id is not None:
        section.select(record_id)


def _open(host, services, target, on):
    show_in_tab(host, "dj_desktop.gui.tabs.archives", "ArchivesTab", lambda tab: _show(tab, target.record_id))
    return None


register_opener("development", _open)
