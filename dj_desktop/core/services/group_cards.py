"""Co-managed members' cards (联管党员三卡) as plain printable sheets, read in bulk."""

from __future__ import annotations

import uuid
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.errors import UserError
from dj_desktop.core.group_printouts import CardSheet
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Member, Organisation
from dj_desktop.core.models.group_manual import CoManagedCard
from dj_desktop.core.vocabularies import label
from dj_desktop.core.vocabularies.group_manual import ASSESSMENTS, CARD_KINDS


def card_sheets(s: Session, cards: Iterable[CoManagedCard]) -> list[CardSheet]:
    cards = list(cards)
    member_ids = {c.member_id for c in cards}
    org_ids = {c.group_id for c in cards} | {c.branch_id for c in cards}
    members = {m.id: m for m in s.scalars(select(Member).where(Member.id.in_(member_ids)))} if cards else {}
    orgs = dict(s.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(org_ids)))
                .all()) if cards else {}
    out = []
    for c in cards:
        m = members.get(c.member_id)
        out.append(CardSheet(record_id=c.id, card=c.card, card_label=label(CARD_KINDS, c.card), on=c.on,
                             member=m.name if m else "", group=orgs.get(c.group_id, ""),
                             branch=orgs.get(c.branch_id, ""), home_unit=c.home_unit, home_contact=c.home_contact,
                             content=c.content, hours=c.hours or 0.0,
                             assessment=label(ASSESSMENTS, c.assessment) if c.assessment else "",
                             work_unit=m.work_unit if m else "", phone=m.phone if m else ""))
    return out


def card_sheet(db, record_id: uuid.UUID) -> tuple[CardSheet, str]:
    """One live card and its branch's name (the registry's printed form of the book)."""
    with db.sessions.begin() as s:
        card = s.get(CoManagedCard, record_id)
        if card is None or card.deleted:
            raise UserError(_("This card no longer exists."))
        sheet = card_sheets(s, [card])[0]
        return sheet, sheet.branch
