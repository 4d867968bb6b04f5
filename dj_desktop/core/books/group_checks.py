"""Checks the Party-group manual's books share: the group belongs to the branch, the member was in
the group, a period does not end before it starts, a record is not dated in the future."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Mapping

from sqlalchemy.orm import Session

from dj_desktop.core.books.group_membership import in_group_on
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Member, Organisation
from dj_desktop.core.rules.texts import date_text


def check_group(s: Session, values: Mapping[str, Any], problems: dict[str, str]) -> Organisation | None:
    """The group named by ``group_id``, a live Party group of the branch ``branch_id``."""
    group_id, branch_id = values.get("group_id"), values.get("branch_id")
    group = s.get(Organisation, group_id) if isinstance(group_id, uuid.UUID) else None
    if group is None or group.deleted or group.kind != "group":
        problems["group_id"] = _("Choose the Party group.")
        return None
    if group.parent_id != branch_id:
        problems["group_id"] = _("The Party group {group} does not belong to this branch.").format(group=group.name)
        return None
    return group


def check_day(values: Mapping[str, Any], field: str, today: date, problems: dict[str, str], *,
              missing: str) -> date | None:
    day = values.get(field)
    if not isinstance(day, date):
        problems[field] = missing
        return None
    if day > today:
        problems[field] = _("The date {day} is in the future; record it after it happened.").format(
            day=date_text(day))
        return None
    return day


def check_period(values: Mapping[str, Any], today: date, problems: dict[str, str]) -> date | None:
    """``started_on`` given and not in the future; ``ended_on`` (optional) not before it."""
    start = check_day(values, "started_on", today, problems, missing=_("Enter the date it started."))
    end = values.get("ended_on")
    if start is not None and isinstance(end, date) and end < start:
        problems["ended_on"] = _("The end date {end} is before the start date {start}; swap or correct them.").format(
            end=date_text(end), start=date_text(start))
    return start


def check_in_group(s: Session, values: Mapping[str, Any], field: str, group: Organisation | None,
                   day: date | None, problems: dict[str, str], *, missing: str) -> Member | None:
    """The member named by ``field`` was in ``group`` on ``day``."""
    member_id = values.get(field)
    member = s.get(Member, member_id) if isinstance(member_id, uuid.UUID) else None
    if member is None or member.deleted:
        problems[field] = missing
        return None
    if group is not None and day is not None and not in_group_on(s, member.id, group.id, day):
        problems[field] = _("{name} was not a member of the Party group {group} on {day}.").format(
            name=member.name, group=group.name, day=date_text(day))
    return member


def text_required(values: Mapping[str, Any], field: str, problems: dict[str, str], message: str) -> None:
    if not str(values.get(field) or "").strip():
        problems[field] = message
