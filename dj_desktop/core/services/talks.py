"""TalkService: heart-to-heart talks (谈心谈话) — record, edit, tombstone, restore, list."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session

from dj_desktop.core.books import book
from dj_desktop.core.books import records as ops
from dj_desktop.core.books.records import HistoryEntry
from dj_desktop.core.db import Database
from dj_desktop.core.models import Talk
from dj_desktop.core.services.meeting_records import TalkInput, TalkRecord
from dj_desktop.core.services.meeting_roster import member_names

_FIELDS = ("branch_id", "held_on", "talker_id", "talkee_id", "place", "topic", "summary")


def _book():
    return book("talks")


class TalkService:
    """Talks are the generic record service's worked example: every write is
    ``core/books/records.py`` with the talks book's validation; this service adds the
    :class:`TalkInput`/:class:`TalkRecord` shapes the dialogs use."""

    def __init__(self, db: Database):
        self._db = db

    def create(self, data: TalkInput, *, today: date | None = None) -> TalkRecord:
        with self._db.sessions.begin() as s:
            talk = ops.create(s, _book(), _values(data), today=today or date.today())
            return self._record(s, talk)

    def update(self, talk_id: uuid.UUID, data: TalkInput, *, reason: str = "",
               today: date | None = None) -> TalkRecord:
        with self._db.sessions.begin() as s:
            talk = ops.update(s, _book(), talk_id, _values(data), today=today or date.today(), reason=reason)
            return self._record(s, talk)

    def tombstone(self, talk_id: uuid.UUID, *, reason: str) -> None:
        with self._db.sessions.begin() as s:
            ops.tombstone(s, _book(), talk_id, reason=reason)

    def restore(self, talk_id: uuid.UUID, *, reason: str = "") -> TalkRecord:
        with self._db.sessions.begin() as s:
            return self._record(s, ops.restore(s, _book(), talk_id, reason=reason))

    def get(self, talk_id: uuid.UUID) -> TalkRecord:
        with self._db.sessions.begin() as s:
            return self._record(s, ops.fetch(s, _book(), talk_id, live=False))

    def history(self, talk_id: uuid.UUID) -> list[HistoryEntry]:
        with self._db.sessions.begin() as s:
            return ops.history(s, _book(), talk_id)

    def list(self, branch_id: uuid.UUID | None = None, *, year: int | None = None,
             member_id: uuid.UUID | None = None, deleted: bool = False) -> list[TalkRecord]:
        with self._db.sessions.begin() as s:
            talks = ops.query(s, _book(), branch_id=branch_id, year=year, deleted=deleted)
            if member_id is not None:
                talks = [t for t in talks if member_id in (t.talker_id, t.talkee_id)]
            names = member_names(s, {t.talker_id for t in talks} | {t.talkee_id for t in talks})
            return [self._record(s, t, names) for t in talks]

    @staticmethod
    def _record(s: Session, t: Talk, names: dict | None = None) -> TalkRecord:
        names = names if names is not None else member_names(s, {t.talker_id, t.talkee_id})
        return TalkRecord(id=t.id, branch_id=t.branch_id, held_on=t.held_on, talker_id=t.talker_id,
                          talker_name=names.get(t.talker_id, ""), talkee_id=t.talkee_id,
                          talkee_name=names.get(t.talkee_id, ""), place=t.place, topic=t.topic,
                          summary=t.summary, deleted=t.deleted)


def _values(data: TalkInput) -> dict:
    return {f: getattr(data, f) for f in _FIELDS}
