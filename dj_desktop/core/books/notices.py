"""The notice board book (党务公开): items and their procedure; written through ``services.notices``."""

from __future__ import annotations

from dj_desktop.core.books.notice_reminders import KINDS as REMINDER_KINDS
from dj_desktop.core.books.notice_reminders import notice_reminders
from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.i18n import N_
from dj_desktop.core.models.notice import NoticeItem
from dj_desktop.core.vocabularies.notices import NOTICE_KINDS

NOTICES = register_book(RecordBook(
    key="notices", title=N_("Notice board"), noun=N_("notice item"), model=NoticeItem,
    date_field="proposed_on", title_of=lambda v: v.get("title") or "", order=65, generic_writes=False,
    columns=(
        Column("kind", N_("Kind"), "vocabulary", vocabulary=NOTICE_KINDS, width=12),
        Column("title", N_("Title"), width=30),
        Column("proposed_by", N_("Proposed by"), width=10),
        Column("proposed_on", N_("Proposed on"), "date", width=12),
        Column("reviewed_by", N_("Secrecy review by"), main=False, width=10),
        Column("reviewed_on", N_("Secrecy review on"), "date", main=False, width=12),
        Column("approved_by", N_("Approved by"), main=False, width=10),
        Column("approved_on", N_("Approved on"), "date", width=12),
        Column("posted_by", N_("Posted by"), main=False, width=10),
        Column("posted_on", N_("Posted on"), "date", width=12),
        Column("post_until", N_("Posted until"), "date", width=12),
        Column("body", N_("Text"), main=False, width=60),
    ),
    reminders=notice_reminders, reminder_kinds=REMINDER_KINDS,
))
