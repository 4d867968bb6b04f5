"""The dependency rules of DESIGN §4: which package may import which (read with ``ast``), and no Qt in the core.

Every ``import`` / ``from … import`` of every module counts, at module level or inside a
function, so a late import cannot slip past. A ``from package import name`` counts
as an import of ``package`` and of ``package.name`` (``name`` may be a submodule).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "dj_desktop"
QT_FREE = ("core", "reports", "sync")


@dataclass(frozen=True)
class Arrow:
    """Modules under ``source`` must not import anything under one of ``targets``."""

    source: str
    targets: tuple[str, ...]
    why: str
    #: Modules under ``source`` the arrow does not apply to.
    exempt_modules: tuple[str, ...] = ()
    #: ``(importing module, imported module)`` pairs allowed as exceptions.
    exempt_imports: tuple[tuple[str, str], ...] = ()


FORBIDDEN = (
    Arrow("dj_desktop.gui", ("dj_desktop.core.models", "dj_desktop.core.db"),
          "the GUI calls services; vocabularies live in dj_desktop.core.vocabularies",
          exempt_modules=("dj_desktop.gui.app",)),  # the composition root opens the database
    Arrow("dj_desktop.gui", ("sqlalchemy", "sqlite3"), "the GUI runs no SQL"),
    Arrow("dj_desktop.core.rules", ("dj_desktop.core.models", "dj_desktop.core.db", "dj_desktop.core.services"),
          "rules are pure functions over plain data"),
    Arrow("dj_desktop.core.rulesets", ("dj_desktop.core.models", "dj_desktop.core.db", "dj_desktop.core.services"),
          "rule-set types and the file loader stay free of the ORM",
          exempt_modules=("dj_desktop.core.rulesets.store",)),  # the one module that reads the table
    Arrow("dj_desktop.core.vocabularies", ("dj_desktop.core.models", "dj_desktop.core.db", "dj_desktop.core.services"),
          "vocabularies are plain data every layer may import"),
    Arrow("dj_desktop.reports", ("dj_desktop.core.services",), "reports take plain data"),
    *(Arrow(f"dj_desktop.{layer}", ("dj_desktop.gui", "PySide6"), "the core imports no Qt and no GUI")
      for layer in QT_FREE),
    Arrow("dj_desktop.cli", ("dj_desktop.gui",), "the command line runs without a window",
          # the one place that starts the window: `--self-test` and the bare command; before it, the
          # window's file check begins (gui/early_start.py, which imports no Qt: next arrow)
          exempt_imports=(("dj_desktop.cli", "dj_desktop.gui.app"), ("dj_desktop.cli", "dj_desktop.gui.early_start"))),
    Arrow("dj_desktop.gui.early_start", ("PySide6", "dj_desktop.gui"),
          "the window's file check begins before Qt and the GUI are imported"),
)

#: Imports that break an arrow today and are being removed (issue 8, item 4: printouts
#: assembled by services). This list must only shrink: never add to it.
KNOWN_OFFENDERS: set[tuple[str, str]] = set()


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def module_files(root: Path, package: str) -> dict[str, Path]:
    """``{dotted module name: file}`` for every module of ``package`` under ``root``."""
    out = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imported_modules(path: Path, module: str) -> list[tuple[str, int]]:
    """``[(imported module, line)]`` for every import statement in the file, at any depth."""
    is_package = path.name == "__init__.py"
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            if base:
                found.append((base, node.lineno))
            found.extend((f"{base}.{alias.name}" if base else alias.name, node.lineno)
                         for alias in node.names if alias.name != "*")
    return found


def violations(root: Path, package: str = "dj_desktop", *, arrows=FORBIDDEN,
               allowed: set[tuple[str, str]] | frozenset = frozenset()) -> list[str]:
    """Every import under ``root/package`` that breaks one of ``arrows``, as readable lines."""
    problems = {}
    for module, path in module_files(root, package).items():
        if "migrations" in module.split("."):
            continue  # alembic scripts run inside alembic's context only
        for arrow in arrows:
            if not _under(module, arrow.source) or any(_under(module, m) for m in arrow.exempt_modules):
                continue
            for imported, line in imported_modules(path, module):
                target = next((t for t in arrow.targets if _under(imported, t)), None)
                if target is None or (module, target) in allowed:
                    continue
                if any(module == m and _under(imported, t) for m, t in arrow.exempt_imports):
                    continue
                # one line per statement, even when it names the package and its submodule
                problems.setdefault((str(path.relative_to(root)), line, target),
                                    f"{path.relative_to(root)}:{line}: {module} imports {imported} ({arrow.why})")
    return [problems[key] for key in sorted(problems)]


def test_no_forbidden_arrows():
    problems = violations(PACKAGE.parent, allowed=KNOWN_OFFENDERS)
    assert problems == [], "Forbidden imports:\n" + "\n".join(problems)


def test_known_offenders_are_real_modules():
    # A renamed module must not leave a stale entry that would excuse its successor.
    modules = module_files(PACKAGE.parent, "dj_desktop")
    assert all(module in modules for module, _target in KNOWN_OFFENDERS)


def _fake_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        for parent in path.relative_to(root).parents:
            init = root / parent / "__init__.py"
            if parent != Path(".") and not init.exists():
                init.write_text("", encoding="utf-8")
    return root


def test_checker_catches_each_kind_of_forbidden_import(tmp_path):
    root = _fake_tree(tmp_path, {
        "dj_desktop/gui/app.py": "from dj_desktop.core.db import open_database\n",   # allowed: composition root
        "dj_desktop/gui/tabs/ok.py": "from dj_desktop.core.vocabularies.meeting import MEETING_KINDS\n",
        "dj_desktop/gui/tabs/bad.py": "from dj_desktop.core.models.meeting import Meeting\n",
        "dj_desktop/gui/dialogs/late.py": "def f():\n    from dj_desktop.core import db\n",
        "dj_desktop/gui/dialogs/relative.py": "from ...core.models import Member\n",
        "dj_desktop/gui/models/sql.py": "import sqlite3\n",
        "dj_desktop/core/rules/pure.py": "import dj_desktop.core.models.member as m\n",
        "dj_desktop/reports/pdf/book.py": "from dj_desktop.core.services import Services\n",
        "dj_desktop/reports/pdf/old.py": "from dj_desktop.core.services import Services\n",
        "dj_desktop/sync/qt.py": "def f():\n    from PySide6.QtCore import QObject\n",
        "dj_desktop/core/services/window.py": "from dj_desktop.gui.app import run_gui\n",
        "dj_desktop/cli/__init__.py": "def main():\n    from dj_desktop.gui.app import run_gui\n",
        "dj_desktop/cli/report.py": "from dj_desktop.gui import workers\n",
        "dj_desktop/core/migrations/versions/0001_x.py": "from dj_desktop.gui import app\n",
    })
    found = violations(root, allowed={("dj_desktop.reports.pdf.old", "dj_desktop.core.services")})
    offenders = sorted({line.split(":")[0] for line in found})
    assert offenders == [
        "dj_desktop/cli/report.py",
        "dj_desktop/core/rules/pure.py",
        "dj_desktop/core/services/window.py",
        "dj_desktop/gui/dialogs/late.py",
        "dj_desktop/gui/dialogs/relative.py",
        "dj_desktop/gui/models/sql.py",
        "dj_desktop/gui/tabs/bad.py",
        "dj_desktop/reports/pdf/book.py",
        "dj_desktop/sync/qt.py",
    ], found
    assert any("dj_desktop/gui/dialogs/late.py:2: dj_desktop.gui.dialogs.late imports dj_desktop.core.db" in f
               for f in found)


def test_the_real_tree_fails_when_a_forbidden_import_is_added(tmp_path):
    """Copy the real package, add one forbidden import to a GUI tab: the checker names it."""
    import shutil

    shutil.copytree(PACKAGE, tmp_path / "dj_desktop", ignore=shutil.ignore_patterns("__pycache__"))
    assert violations(tmp_path, allowed=KNOWN_OFFENDERS) == []
    tab = tmp_path / "dj_desktop" / "gui" / "tabs" / "roster.py"
    tab.write_text(tab.read_text(encoding="utf-8") + "\n\ndef _late():\n    from dj_desktop.core.models import Member\n",
                   encoding="utf-8")
    found = violations(tmp_path, allowed=KNOWN_OFFENDERS)
    assert len(found) == 1 and all("dj_desktop.gui.tabs.roster imports dj_desktop.core.models" in f for f in found)


def _modules(sub: str) -> list[str]:
    return [m for m in module_files(PACKAGE.parent, "dj_desktop")
            if _under(m, f"dj_desktop.{sub}") and "migrations" not in m.split(".")]


def test_core_reports_and_sync_import_no_qt():
    """The ast arrows see direct imports; this catches Qt pulled in through a third-party module."""
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
