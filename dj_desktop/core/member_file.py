"""The member file (一人一档) as plain data: one member's roster data, changes, meetings attended,
talks and every other book's records of that member, in a fixed order. Assembled by
``services.member_file``, laid out by ``reports/pdf/member_file.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FileSection:
    """One part of the file: a titled table (``headers`` and ``rows``), or label/value ``facts``."""

    key: str
    title: str
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class MemberFile:
    name: str
    branch: str
    printed_on: date
    masked: bool
    sections: tuple[FileSection, ...]
