"""Status-history entries (member_event rows) implied by adding or editing a member."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from dj_desktop.core.i18n import _
from dj_desktop.core.models import Member
from dj_desktop.core.vocabularies.member import CATEGORIES


def event_rows_for_new(member_id: uuid.UUID, values: dict[str, Any], *, came_from: str | None) -> list[dict]:
    """Joining, the transfer in (when the member arrived later or from elsewhere) and conversion."""
    rows = [{"member_id": member_id, "kind": "joined", "on": values["joined_on"]}]
    if values.get("full_member_on") is not None:
        rows.append({"member_id": member_id, "kind": "became_full", "on": values["full_member_on"]})
    if came_from is not None or values["arrived_on"] != values["joined_on"]:
        rows.append({"member_id": member_id, "kind": "transferred_in", "on": values["arrived_on"],
                     "other_organisation": came_from or ""})
    return rows


def event_rows_for_change(member: Member, values: dict[str, Any], *, on: date) -> list[dict]:
    """Conversion, category and group changes made through an edit (or an import update)."""
    rows: list[dict] = []
    new_full = values.get("full_member_on")
    if member.full_member_on is None and new_full is not None:
        rows.append({"member_id": member.id, "kind": "became_full", "on": new_full})
    if "category" in values and values["category"] != member.category:
        rows.append({"member_id": member.id, "kind": "category_changed", "on": on,
                     "note": category_change_note(member.category, values["category"])})
    if "group_id" in values and values["group_id"] != member.group_id:
        rows.append({"member_id": member.id, "kind": "group_changed", "on": on})
    return rows


def category_change_note(old: str, new: str) -> str:
    """The note kept with a category change, in the language in use when it was made."""
    return "{old} → {new}".format(old=_(CATEGORIES.get(old, old)), new=_(CATEGORIES.get(new, new)))
