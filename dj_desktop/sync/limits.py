"""Bounds on everything read from a stick (issue 9): sizes, counts, depth, names, sequence numbers.

A crafted file must be refused within bounded memory and time, before anything it says is used.
The two decompression bounds are settings of the office database (``sync.max_expansion``,
``sync.max_decompressed_mb``); the others are fixed by the format (docs/bundle-format.md §6).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from dj_desktop.core.i18n import _

EXPANSION_KEY = "sync.max_expansion"
CEILING_KEY = "sync.max_decompressed_mb"
DEFAULT_EXPANSION = 64
DEFAULT_CEILING_MB = 2048

#: Deepest JSON nesting accepted anywhere (a record line needs 4, a return manifest 6).
MAX_DEPTH = 32
#: Longest record line (one record as JSON; photos travel as attachments, not in lines).
MAX_LINE = 1 << 20
#: Largest cleartext header, manifest, receipt file and enrolment file.
MAX_HEADER = 64 * 1024
MAX_MANIFEST = 16 << 20
MAX_RECEIPT_FILE = 16 << 20
MAX_ENROLMENT_FILE = 64 * 1024
#: Parts in a payload (a year of photos is a few hundred) and chunks in a container (2 GB / 1 MiB).
MAX_PARTS = 10_000
MAX_CHUNKS = 8192
#: Names: part names in the payload, office and branch names.
MAX_NAME = 100
#: Sequence numbers (and versions) stay exact in JSON and in a BIGINT.
MAX_SEQ = 2 ** 53 - 1
#: Below this, a payload is never refused for its ratio (tiny bundles compress unevenly).
MIN_ALLOWANCE = 1 << 20


@dataclass(frozen=True)
class Limits:
    expansion: int = DEFAULT_EXPANSION          # decompressed ≤ expansion × the file's size …
    ceiling: int = DEFAULT_CEILING_MB << 20     # … and never more than this (bytes)

    def allowance(self, file_size: int) -> int:
        """Most bytes the payload of a file of ``file_size`` bytes may decompress to, in all."""
        return min(self.ceiling, max(MIN_ALLOWANCE, self.expansion * max(0, file_size)))


def read_limits(session: Session) -> Limits:
    from dj_desktop.core.db import get_setting

    try:
        expansion = int(get_setting(session, EXPANSION_KEY, DEFAULT_EXPANSION))
        ceiling = int(get_setting(session, CEILING_KEY, DEFAULT_CEILING_MB))
    except (TypeError, ValueError):
        return Limits()
    return Limits(expansion=max(1, expansion), ceiling=max(1, ceiling) << 20)


def too_large_message(what: str, limit: int) -> str:
    return _("The bundle is larger than allowed ({what} over {limit}); it was refused unread. If the "
             "branch really sends this much, the office can raise the limit in its settings.").format(
                 what=what, limit=_size(limit))


def _size(count: int) -> str:
    if count >= 1 << 20:
        return f"{count / (1 << 20):.0f} MB"
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return str(count)
