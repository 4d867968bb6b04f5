"""The member roster (党员花名册) as a registered book: lists, Excel, history and the political
birthday reminders. Members are written through ``MemberService`` (events, transfers, imports)."""

from __future__ import annotations

from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.books.reminders import ReminderContext, per_branch
from dj_desktop.core.i18n import N_
from dj_desktop.core.models import Member
from dj_desktop.core.vocabularies.member import CATEGORIES, GENDERS, MEMBER_TYPES, STATUSES
from dj_desktop.core.rules.cadence import BranchFacts
from dj_desktop.core.rules.member_cadence import birthday_batches


def _reminders(ctx: ReminderContext, branches: list[BranchFacts]):
    return per_branch(birthday_batches, ctx, branches)


BOOK = register_book(RecordBook(
    key="members", title=N_("Member roster"), noun=N_("member"), model=Member,
    date_field="joined_on", title_of=lambda v: v["name"], order=0, generic_writes=False,
    columns=(
        Column("name", N_("Name"), width=10),
        Column("gender", N_("Gender"), "vocabulary", vocabulary=GENDERS, width=6),
        Column("birth_date", N_("Date of birth"), "date", width=12),
        Column("id_number", N_("ID number"), "code", main=False, width=20),
        Column("group_id", N_("Party group"), "organisation", width=14),
        Column("member_type", N_("Member type"), "vocabulary", vocabulary=MEMBER_TYPES, width=10),
        Column("joined_on", N_("Joined the Party"), "date", width=12),
        Column("full_member_on", N_("Full member since"), "date", main=False, width=12),
        Column("category", N_("Category"), "vocabulary", vocabulary=CATEGORIES, main=False, width=12),
        Column("phone", N_("Phone"), "code", main=False, width=14),
        Column("status", N_("Status"), "vocabulary", vocabulary=STATUSES, width=10),
    ),
    reminders=_reminders,
    reminder_kinds={"political_birthday": N_("Political birthday")},
))
