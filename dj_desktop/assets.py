"""The one place that knows where bundled resources live (source tree or frozen app)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def cjk_font_path() -> Path:
    return resource("fonts", "wqy-microhei.ttc")


def locale_dir() -> Path:
    return resource("locale")


def docs_dir() -> Path:
    """The user guide and its pictures: shipped next to ``resources`` in the frozen app
    (installer/dj_desktop.spec), ``docs/`` in the source tree."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "docs"
    return Path(__file__).resolve().parent.parent / "docs"


def user_guide_path() -> Path:
    return docs_dir() / "用户手册.md"
