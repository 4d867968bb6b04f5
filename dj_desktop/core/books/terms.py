"""Committee terms (支部委员会任期) as a registered book: lists, Excel, history and the term-ending
reminder (换届提醒). Terms and seats are written through ``OrganisationService``."""

from __future__ import annotations

from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.books.reminders import ReminderContext, per_branch
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import CommitteeTerm
from dj_desktop.core.rules.cadence import BranchFacts, term_reminders


def _reminders(ctx: ReminderContext, branches: list[BranchFacts]):
    return per_branch(term_reminders, ctx, branches)


BOOK = register_book(RecordBook(
    key="terms", title=N_("Committee terms"), noun=N_("committee term"), model=CommitteeTerm,
    date_field="elected_on", branch_field="organisation_id", order=5, generic_writes=False,
    title_of=lambda v: _("Term {start} to {end}").format(start=v["elected_on"].isoformat(),
                                                         end=v["ends_on"].isoformat()),
    columns=(
        Column("elected_on", N_("Elected on"), "date", width=12),
        Column("ends_on", N_("Term ends"), "date", width=12),
        Column("notes", N_("Notes"), width=40),
    ),
    reminders=_reminders,
    reminder_kinds={"term_ending": N_("Committee term ending")},
))
