"""TalkService: heart-to-heart talks (谈心谈话) — record, edit, tombstone, restore, list."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Organisation, Talk
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.services.live import live
from dj_desktop.core.services.meeting_records import TalkInput, TalkRecord
from dj_desktop.core.services.meeting_roster import member_names
from dj_desktop.core.services.member_queries import rows_on

_FIELDS = ("branch_id", "held_on", "talker_id", "talkee_id", "place", "topic", "summary")


class TalkService:
    def __init__(self, db: Database):
        self._db = db

    def create(self, data: TalkInput, *, today: date | None = None) -> TalkRecord:
        with self._db.sessions.begin() as s:
            self._check(s, data, today or date.today())
            talk = Talk(**{f: getattr(data, f) for f in _FIELDS})
            s.add(talk)
            s.flush()
            return self._record(s, talk)

    def update(self, talk_id: uuid.UUID, data: TalkInput, *, reason: str = "",
               today: date | None = None) -> TalkRecord:
        with self._db.sessions.begin() as s:
            talk = self._live(s, talk_id)
            self._check(s, data, today or date.today())
            s.info["reason"] = reason.strip()
            for f in _FIELDS:
                setattr(talk, f, getattr(data, f))
            s.flush()
            return self._record(s, talk)

    def tombstone(self, talk_id: uuid.UUID, *, reason: str) -> None:
        if not reason.strip():
            raise UserError(_("Give a reason for deleting the talk record (it is kept in the history)."))
        with self._db.sessions.begin() as s:
            talk = self._live(s, talk_id)
            s.info["reason"] = reason.strip()
            talk.deleted = True

    def restore(self, talk_id: uuid.UUID, *, reason: str = "") -> TalkRecord:
        with self._db.sessions.begin() as s:
            talk = s.get(Talk, talk_id)
            if talk is None or not talk.deleted:
                raise UserError(_("There is no deleted talk record to restore."))
            s.info["reason"] = reason.strip()
            talk.deleted = False
            s.flush()
            return self._record(s, talk)

    def get(self, talk_id: uuid.UUID) -> TalkRecord:
        with self._db.sessions.begin() as s:
            talk = s.get(Talk, talk_id)
            if talk is None:
                raise UserError(_("The talk record does not exist."))
            return self._record(s, talk)

    def list(self, branch_id: uuid.UUID | None = None, *, year: int | None = None,
             member_id: uuid.UUID | None = None, deleted: bool = False) -> list[TalkRecord]:
        with self._db.sessions.begin() as s:
            stmt = select(Talk).where(Talk.deleted.is_(deleted))
            if branch_id is not None:
                stmt = stmt.where(Talk.branch_id == branch_id)
            if year is not None:
                stmt = stmt.where(extract("year", Talk.held_on) == year)
            if member_id is not None:
                stmt = stmt.where((Talk.talker_id == member_id) | (Talk.talkee_id == member_id))
            talks = list(s.scalars(stmt.order_by(Talk.held_on)))
            names = member_names(s, {t.talker_id for t in talks} | {t.talkee_id for t in talks})
            return [self._record(s, t, names) for t in talks]

    @staticmethod
    def _check(s: Session, data: TalkInput, today: date) -> None:
        problems: dict[str, str] = {}
        if data.held_on > today:
            problems["held_on"] = _("The talk date {day} is in the future; record a talk after it took place.").format(
                day=date_text(data.held_on))
        branch = s.get(Organisation, data.branch_id)
        if branch is None or branch.deleted or branch.kind != "branch":
            problems["branch_id"] = _("Choose the Party branch the talk belongs to.")
        elif data.talker_id == data.talkee_id:
            problems["talkee_id"] = _("A talk needs two different people.")
        else:
            on_roster = {r.id for r in rows_on(s, branch_id=data.branch_id, on=data.held_on)}
            for field, member_id in (("talker_id", data.talker_id), ("talkee_id", data.talkee_id)):
                if member_id not in on_roster:
                    problems[field] = _("The chosen person was not a member of this branch on {day}.").format(
                        day=date_text(data.held_on))
        if not data.topic.strip():
            problems["topic"] = _("Enter the topic of the talk.")
        if problems:
            raise ValidationError(problems)

    @staticmethod
    def _live(s: Session, talk_id: uuid.UUID) -> Talk:
        return live(s, Talk, talk_id, N_("The talk record does not exist or was deleted."))

    @staticmethod
    def _record(s: Session, t: Talk, names: dict | None = None) -> TalkRecord:
        names = names if names is not None else member_names(s, {t.talker_id, t.talkee_id})
        return TalkRecord(id=t.id, branch_id=t.branch_id, held_on=t.held_on, talker_id=t.talker_id,
                          talker_name=names.get(t.talker_id, ""), talkee_id=t.talkee_id,
                          talkee_name=names.get(t.talkee_id, ""), place=t.place, topic=t.topic,
                          summary=t.summary, deleted=t.deleted)
