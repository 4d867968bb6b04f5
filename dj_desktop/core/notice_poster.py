"""Plain data of a notice-board poster (no ORM, no Qt): what ``reports/pdf/notice_poster.py`` prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class NoticePoster:
    branch_name: str
    kind_label: str
    title: str
    body: str
    posted_on: date | None
    post_until: date | None
    #: (step label, who, when) for the four steps of the procedure.
    steps: tuple[tuple[str, str, date | None], ...]
    paper: str = "A4"          # "A4" or "A3"
