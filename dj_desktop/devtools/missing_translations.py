"""Lists translatable strings in the code that lack a zh_CN translation.

``python -m dj_desktop.devtools.missing_translations [--po FILE]`` prints them; with
``--po`` it appends empty entries for them to that catalog file, ready to fill in.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from babel.messages.extract import extract_from_dir

from dj_desktop.core.i18n import load_catalog

PACKAGE_DIR = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "gettext": None}


def extracted_messages() -> dict[str, str]:
    """``{msgid: "file:line"}`` for every marked string in the package."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE_DIR), method_map=[("**.py", "python")], keywords=KEYWORDS,
    ):
        if isinstance(message, str) and message:
            found.setdefault(message, f"{filename}:{lineno}")
    return found


def missing(language: str = "zh_CN") -> dict[str, str]:
    catalog = load_catalog(language)
    return {m: where for m, where in extracted_messages().items() if m not in catalog}


def _po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--po", type=Path, help="append empty entries for the missing strings to this file")
    parser.add_argument("--only", help="only strings found in files whose path contains this text")
    args = parser.parse_args()
    todo = {m: w for m, w in missing().items() if not args.only or args.only in w}
    for message, where in todo.items():
        print(f"{where}\t{message!r}")
    if args.po and todo:
        with args.po.open("a", encoding="utf-8") as fh:
            for message, where in todo.items():
                fh.write(f"\n#: {where}\nmsgid {_po_quote(message)}\nmsgstr \"\"\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
