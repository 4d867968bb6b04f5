"""The dependency rules of DESIGN §4: the core imports no Qt, the GUI runs no SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "dj_desktop"
QT_FREE = ("core", "reports", "sync")


def _modules(sub: str) -> list[str]:
    root = PACKAGE / sub
    names = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        if "migrations" in parts:
            continue  # alembic scripts run inside alembic's context only
        names.append(".".join(parts))
    return names


def test_core_reports_and_sync_import_no_qt():
    modules = [m for sub in QT_FREE for m in _modules(sub)]
    assert any(m.startswith("dj_desktop.core.services") for m in modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Qt imported by the core: {result.stdout}"


def test_gui_does_not_import_sqlalchemy():
    offenders = []
    for path in (PACKAGE / "gui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "sqlalchemy" or n.startswith("sqlalchemy.") or n == "sqlite3" for n in names):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == [], f"GUI modules running SQL themselves: {offenders}"
