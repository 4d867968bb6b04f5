"""Reading a written PDF back with pypdf: page texts, embedded fonts, the "第 N 页 / 共 M 页" footers."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

FOOTER = re.compile(r"第\s*(\d+)\s*页\s*/\s*共\s*(\d+)\s*页")


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def fonts(path: Path) -> list[dict]:
    """Every font dictionary used by any page (descendants of composite fonts included)."""
    found = {}
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        resources = resources.get_object()
        font_dict = resources.get("/Font")
        for ref in (font_dict.get_object().values() if font_dict else ()):
            font = ref.get_object()
            found[id(font)] = font
            for child in font.get("/DescendantFonts", ()):
                found[id(child.get_object())] = child.get_object()
    return list(found.values())


def unembedded_fonts(path: Path) -> list[str]:
    """Names of fonts without an embedded TrueType program (/FontFile2)."""
    missing = []
    for font in fonts(path):
        if font.get("/Subtype") == "/Type0":
            continue  # its descendant carries the descriptor
        descriptor = font.get("/FontDescriptor")
        if descriptor is None or "/FontFile2" not in descriptor.get_object():
            missing.append(str(font.get("/BaseFont")))
    return missing


def footers(texts: list[str]) -> list[tuple[int, int] | None]:
    """(N, M) of each page's footer, None where a page has none."""
    out = []
    for text in texts:
        match = FOOTER.search(text)
        out.append((int(match.group(1)), int(match.group(2))) if match else None)
    return out
