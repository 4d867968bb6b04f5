"""One module per tab. A tab module names its tab class as ``TAB`` (a ``BaseTab`` with ``title()``,
``refresh()`` and an ``order``). :data:`TABS` lists each tab module with its title, in order, so the
main window shows the whole tab bar at start and imports a tab's module only when the tab is first
shown (the start-up budget of issue 10); ``tests/gui/test_tab_slots.py`` checks the list against the
modules' ``TAB`` classes, so a tab missing from it, or listed out of order, fails."""

from __future__ import annotations

import importlib
import pkgutil

from dj_desktop.core.i18n import N_

#: (module in this package, tab title) in the order of the tabs' ``order``.
TABS: tuple[tuple[str, str], ...] = (
    ("dashboard", N_("Home")),
    ("roster", N_("Roster")),
    ("organisation", N_("Organisation")),
    ("manual", N_("Branch manual")),
    ("group_manual", N_("Party group manual")),
    ("points", N_("Member points")),
    ("archives", N_("Archives")),
    ("dues", N_("Dues and funds")),
    ("assessment", N_("Assessment handbook")),
    ("notices", N_("Notice board")),
    ("sync", N_("Sync with the office")),
)


def tab_class(module: str) -> type:
    """The tab class of one module listed in :data:`TABS` (imports it)."""
    return importlib.import_module(f"{__name__}.{module}").TAB


def tab_module(cls: type) -> str:
    """The :data:`TABS` module name of a tab class."""
    return cls.__module__.rpartition(".")[2]


def discovered_tab_classes() -> list[type]:
    """Every module of this package that names a ``TAB``, sorted by ``order`` (imports them all:
    for the check of :data:`TABS`, not for start-up)."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        tab = getattr(module, "TAB", None)
        if tab is not None:
            found.append(tab)
    return sorted(found, key=lambda cls: (cls.order, cls.__name__))
