"""Which version of the points scheme scores a branch's month: the one it was confirmed with, else
the one in effect on the month's first day."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models.points import PointMonth
from dj_desktop.core.rules.dues import month_text
from dj_desktop.core.rulesets import RuleVersion, store


def scheme_for(s: Session, branch_id: uuid.UUID, month: date) -> RuleVersion:
    """The scheme a month is scored under: the version it was confirmed with, else the one in effect."""
    kept = s.scalar(select(PointMonth.rules_version).where(
        PointMonth.branch_id == branch_id, PointMonth.month == month, PointMonth.deleted.is_(False)))
    if kept:
        name, _sep, version = kept.partition("@")
        found = store.find(s, name, version)
        if found is not None:
            return found
    found = store.version_on(s, "points", month)
    if found is None:
        raise UserError(_("No points scheme is in effect for {month}.").format(month=month_text(month)))
    return found
