"""The record books a sync bundle carries, named as a secretary knows them (党员 12 条、会议 30 条)
instead of by table name. Plain data for the CLI and both windows."""

from __future__ import annotations

from typing import Mapping

from dj_desktop.core.i18n import N_, _

#: Table → book name, in the order the books are listed.
BOOK_NAMES = {
    "organisation": N_("Organisation units"), "member": N_("Party members"), "member_event": N_("Member changes"),
    "committee_term": N_("Committee terms"), "committee_member": N_("Committee members"),
    "grid_area": N_("Grid areas"), "building": N_("Buildings"), "meeting": N_("Meetings"),
    "meeting_attendance": N_("Attendance entries"), "meeting_decision": N_("Meeting decisions"),
    "talk": N_("Heart-to-heart talks"), "work_plan": N_("Plans and summaries"), "attachment": N_("Attachments"),
}


def book_name(table: str) -> str:
    return _(BOOK_NAMES[table]) if table in BOOK_NAMES else table


def describe_counts(counts: Mapping[str, int]) -> str:
    """``{"member": 12, "meeting": 30}`` → "党员 12 条、会议 30 条" (books with no records left out)."""
    order = list(BOOK_NAMES)
    tables = sorted((t for t, n in counts.items() if n), key=lambda t: (order.index(t) if t in order else 99, t))
    if not tables:
        return _("no records")
    return _(", ").join(_("{book} {n}").format(book=book_name(t), n=counts[t]) for t in tables)


#: What the office did with a bundle, as the branch and the office window word it.
IMPORT_STATUSES = {"applied": N_("Applied"), "duplicate": N_("Already received"), "rejected": N_("Rejected")}


def import_status_label(status: str) -> str:
    return _(IMPORT_STATUSES.get(status, status))
