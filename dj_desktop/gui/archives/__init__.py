"""Sections of the 档案 tab: each module defines ``SECTION`` (a QWidget subclass with ``order`` and
``title``) and is found by discovery, like the tabs."""
from __future__ import annotations

import importlib
import pkgutil


def sections() -> list[type]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        section = getattr(module, "SECTION", None)
        if section is not None:
            found.append(section)
    return sorted(found, key=lambda s: s.order)
