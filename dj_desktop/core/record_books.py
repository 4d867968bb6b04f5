"""The record books a sync bundle carries, named as a secretary knows them (党员 12 条、会议 30 条)
instead of by table name. Plain data for the CLI and both windows."""

from __future__ import annotations

from typing import Mapping

from dj_desktop.core.i18n import N_, _

#: Tables that are not a registered book's own table (parts of a record, organisation data) → a name.
#: A registered book is named by its title in the registry (``core/books``).
BOOK_NAMES = {
    "organisation": N_("Organisation units"), "member_event": N_("Member changes"),
    "committee_member": N_("Committee members"),
    "grid_area": N_("Grid areas"), "building": N_("Buildings"),
    "meeting_attendance": N_("Attendance entries"), "meeting_decision": N_("Meeting decisions"),
    "attachment": N_("Attachments"),
}


def book_name(table: str) -> str:
    from dj_desktop.core.books import book_for_table
    book = book_for_table(table)
    if book is not None:
        return _(book.title)
    return _(BOOK_NAMES[table]) if table in BOOK_NAMES else table


def _order(table: str) -> tuple[int, int, str]:
    from dj_desktop.core.books import books
    keys = [b.table_name for b in books()]
    if table in keys:
        return (0, keys.index(table), table)
    order = list(BOOK_NAMES)
    return (1, order.index(table) if table in order else 99, table)


def describe_counts(counts: Mapping[str, int]) -> str:
    """``{"member": 12, "meeting": 30}`` → "党员 12 条、会议 30 条" (books with no records left out)."""
    tables = sorted((t for t, n in counts.items() if n), key=_order)
    if not tables:
        return _("no records")
    return _(", ").join(_("{book} {n}").format(book=book_name(t), n=counts[t]) for t in tables)


#: What the office did with a bundle, as the branch and the office window word it.
IMPORT_STATUSES = {"applied": N_("Applied"), "duplicate": N_("Already received"), "rejected": N_("Rejected"),
                   "held": N_("Held for approval")}


def import_status_label(status: str) -> str:
    return _(IMPORT_STATUSES.get(status, status))
