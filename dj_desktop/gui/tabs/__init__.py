"""One module per tab. A tab module names its tab class as ``TAB``; the class's ``order``
places it among the others. :func:`tab_classes` finds them all, so a new book's tab is its
own module and nothing else."""

from __future__ import annotations

import importlib
import pkgutil


def tab_classes() -> list[type]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        tab = getattr(module, "TAB", None)
        if tab is not None:
            found.append(tab)
    return sorted(found, key=lambda cls: (cls.order, cls.__name__))
