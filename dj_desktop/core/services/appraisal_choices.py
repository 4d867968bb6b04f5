"""What the appraisal form offers and shows: the meetings the appraisal can be linked to, who is a
probationary member on the appraisal day (appraised, not graded) and the cap on 优秀 with how much of it
is taken. Plain values; the book's rules (``core/books/appraisals.py``) still check every save."""

from __future__ import annotations

import uuid
from datetime import date

from dj_desktop.core.books.appraisals import ExcellentQuota, excellent_quota, is_probationary
from dj_desktop.core.models import Member
from dj_desktop.core.vocabularies.appraisal_care import APPRAISAL_MEETING_KINDS


def appraisal_meetings(services, branch_id: uuid.UUID, year: int) -> list:
    """The branch's meetings of the appraisal kinds held in ``year`` or the year after (``MeetingSummary``)."""
    return [m for y in (year, year + 1) for m in services.meetings.list(branch_id, year=y)
            if m.kind in APPRAISAL_MEETING_KINDS]


def quota(services, branch_id: uuid.UUID, year: int, on: date, member_id: uuid.UUID | None = None) -> ExcellentQuota:
    with services.db.sessions.begin() as s:
        return excellent_quota(s, branch_id, year, on, member_id)


def probationary(services, member_id: uuid.UUID | None, on: date) -> bool:
    """The member is a probationary member on ``on`` (the form leaves the grade empty then)."""
    if member_id is None:
        return False
    with services.db.sessions.begin() as s:
        member = s.get(Member, member_id)
        return member is not None and is_probationary(member, on)
