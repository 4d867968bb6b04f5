"""One module per tab. :data:`TAB_CLASSES` lists them in the order they appear."""

from __future__ import annotations

import importlib

#: ``(module, class)`` of each tab, in display order.
TAB_CLASSES: list[tuple[str, str]] = [
    ("dashboard", "DashboardTab"),
    ("roster", "RosterTab"),
    ("organisation", "OrganisationTab"),
    ("manual", "ManualTab"),
    ("sync", "SyncTab"),
]


def tab_classes() -> list[type]:
    return [getattr(importlib.import_module(f"dj_desktop.gui.tabs.{m}"), c) for m, c in TAB_CLASSES]
