"""Who leads a meeting: the branch committee's posts on the meeting date, so that the host and
recorder lists and the attendance list put the secretary and the committee first, show each
person's post, and the host defaults to the secretary."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Sequence, TypeVar

from dj_desktop.core.i18n import _
from dj_desktop.core.vocabularies.organisation import COMMITTEE_ROLES

T = TypeVar("T")

#: Posts in the order a committee is listed (书记, 副书记, 组织委员 …).
_ROLE_ORDER = {role: i for i, role in enumerate(COMMITTEE_ROLES)}


def committee_posts(services, branch_id: uuid.UUID, on: date) -> dict[uuid.UUID, str]:
    """``{member id: role code}`` of the committee seats held on ``on`` (the latest term by then)."""
    term = services.organisation.current_term(branch_id, on=on)
    if term is None:
        return {}
    posts: dict[uuid.UUID, str] = {}
    for seat in sorted(term.current_seats(on), key=lambda s: _ROLE_ORDER.get(s.role, 99)):
        posts.setdefault(seat.member_id, seat.role)
    return posts


def post_label(role: str | None) -> str:
    return _(COMMITTEE_ROLES[role]) if role in COMMITTEE_ROLES else ""


def committee_first(items: Sequence[T], posts: dict[uuid.UUID, str], *, key=lambda item: item[0]) -> list[T]:
    """``items`` with the committee first (secretary, deputy …), the others after in their order."""
    indexed = list(enumerate(items))
    indexed.sort(key=lambda pair: (_ROLE_ORDER.get(posts.get(key(pair[1])), 99)
                                   if key(pair[1]) in posts else 100, pair[0]))
    return [item for _i, item in indexed]


def secretary(posts: dict[uuid.UUID, str]) -> uuid.UUID | None:
    return next((member_id for member_id, role in posts.items() if role == "secretary"), None)
