"""The talks book (谈心谈话): a committee member's heart-to-heart talk with a member.

The worked example of ``docs/DEVELOPING.md`` "Adding a record book": a table, this
descriptor (columns, validation, reminders) and nothing else in shared code.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.books.reminders import ReminderContext, chunks, per_branch
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Organisation, Talk
from dj_desktop.core.rules.cadence import BranchFacts, TalkFacts
from dj_desktop.core.rules.member_cadence import talk_batches
from dj_desktop.core.rules.texts import date_text


def check_talk(s: Session, values: Mapping[str, Any], today: date) -> None:
    """A talk happened (not in the future), between two members of the branch on that day, on a topic."""
    from dj_desktop.core.services.member_queries import rows_on
    problems: dict[str, str] = {}
    held_on = values.get("held_on")
    if not isinstance(held_on, date):
        problems["held_on"] = _("Enter the date of the talk.")
    elif held_on > today:
        problems["held_on"] = _("The talk date {day} is in the future; record a talk after it took place.").format(
            day=date_text(held_on))
    branch = s.get(Organisation, values.get("branch_id")) if isinstance(values.get("branch_id"), uuid.UUID) else None
    if branch is None or branch.deleted or branch.kind != "branch":
        problems["branch_id"] = _("Choose the Party branch the talk belongs to.")
    elif values.get("talker_id") == values.get("talkee_id"):
        problems["talkee_id"] = _("A talk needs two different people.")
    elif "held_on" not in problems:
        on_roster = {r.id for r in rows_on(s, branch_id=branch.id, on=held_on)}
        for field in ("talker_id", "talkee_id"):
            if values.get(field) not in on_roster:
                problems[field] = _("The chosen person was not a member of this branch on {day}.").format(
                    day=date_text(held_on))
    if not str(values.get("topic") or "").strip():
        problems["topic"] = _("Enter the topic of the talk.")
    if problems:
        raise ValidationError(problems)


def _reminders(ctx: ReminderContext, branches: list[BranchFacts]):
    talks: dict[uuid.UUID, list[TalkFacts]] = defaultdict(list)
    for part in chunks([b.id for b in branches]):
        for t in ctx.session.execute(select(Talk.branch_id, Talk.held_on, Talk.talker_id, Talk.talkee_id).where(
                Talk.branch_id.in_(part), Talk.deleted.is_(False), Talk.held_on >= ctx.since,
                Talk.held_on <= ctx.on)):
            talks[t.branch_id].append(TalkFacts(held_on=t.held_on, talker_id=t.talker_id, talkee_id=t.talkee_id))
    return per_branch(talk_batches, ctx, (replace(b, talks=tuple(talks[b.id])) for b in branches))


BOOK = register_book(RecordBook(
    key="talks", title=N_("Heart-to-heart talks"), noun=N_("talk record"), model=Talk,
    date_field="held_on", title_of=lambda v: v.get("topic") or _("Heart-to-heart talk"), order=20,
    columns=(
        Column("held_on", N_("Date"), "date", width=12),
        Column("talker_id", N_("Talk led by"), "member", width=10),
        Column("talkee_id", N_("Talk with"), "member", width=10),
        Column("place", N_("Place"), width=16),
        Column("topic", N_("Topic"), width=30),
        Column("summary", N_("Summary"), main=False, width=60),
    ),
    validate=check_talk,
    reminders=_reminders,
    reminder_kinds={"talks": N_("Heart-to-heart talk")},
))
