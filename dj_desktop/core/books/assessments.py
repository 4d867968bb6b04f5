"""The assessment book (党支部工作考核手册): a branch's self-assessments, one record per version.

Written only through ``services.assessment`` (scores are checked against the standard and a
submitted version is frozen); listed, exported, printed, synced and merged like every book.
"""

from __future__ import annotations

from dj_desktop.core.books.assessment_reminders import reminders
from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models.assessment import Assessment
from dj_desktop.core.vocabularies.assessment import ASSESSMENT_STATUSES

BOOK = register_book(RecordBook(
    key="assessments", title=N_("Assessment handbook"), noun=N_("assessment"), model=Assessment,
    date_field="period_end", order=60, generic_writes=False,
    title_of=lambda v: _("{period} self-assessment ({standard}), version {no}").format(
        period=v["period"], standard=v["standard"], no=v["version_no"]),
    columns=(
        Column("period", N_("Period"), width=10),
        Column("standard", N_("Standard"), width=10),
        Column("version_no", N_("Version"), "number", width=8),
        Column("status", N_("Status"), "vocabulary", vocabulary=ASSESSMENT_STATUSES, width=10),
        Column("total", N_("Total"), width=8),
        Column("stars", N_("Stars"), "number", width=8),
        Column("submitted_on", N_("Submitted on"), "date", width=12),
        Column("comment", N_("Comment"), main=False, width=40),
    ),
    reminders=reminders,
    reminder_kinds={"assessment": N_("Yearly self-assessment"), "star_change": N_("Star level fell")},
))
