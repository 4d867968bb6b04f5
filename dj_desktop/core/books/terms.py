"""Committee terms (支部委员会任期) as a registered book: lists, Excel, history, the term-ending
reminder (换届提醒) and the organisation rules (rule set ``organisation``: enough full members, a
committee from 7 full members, its size, a general branch above 50, a leader for every group).
Terms and seats are written through ``OrganisationService``."""

from __future__ import annotations

from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.books.reminders import ReminderContext, per_branch
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import CommitteeTerm
from dj_desktop.core.rules.cadence import BranchFacts, term_reminders
from dj_desktop.core.rules.organisation_rules import organisation_reminders


def _reminders(ctx: ReminderContext, branches: list[BranchFacts]):
    rules = organisation_rules_on(ctx.session, ctx.on)
    out = per_branch(term_reminders, ctx, branches)
    for branch in branches:
        out += organisation_reminders(branch, ctx.on, rules)
    return out


def organisation_rules_on(session, on) -> dict:
    """The content of rule set ``organisation`` in effect on ``on`` (its first version before that)."""
    from dj_desktop.core.rulesets import store
    version = store.version_on(session, "organisation", on) or store.versions(session, "organisation")[0]
    return dict(version.content)


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
    reminder_kinds={"term_ending": N_("Committee term ending"), "too_few_members": N_("Too few full members"),
                    "committee_missing": N_("Committee to be set up"), "committee_size": N_("Committee size"),
                    "too_many_members": N_("Consider a general branch"),
                    "group_without_leader": N_("Group without a leader")},
))
