"""Reminders of the appraisal and care archives: a year without appraisals (from the rule set's month),
and members on the care ledger not yet visited before 七一 or 春节 (集中走访慰问, seed 000)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from dj_desktop.core.books.reminders import ReminderContext, chunks
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models.appraisal_care import Appraisal, CareMember, CareVisit
from dj_desktop.core.rules.appraisal import rules_from
from dj_desktop.core.rules.cadence import BranchFacts, Reminder, ReminderTarget
from dj_desktop.core.rules.spring_festival import spring_festival
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.rulesets import store

APPRAISAL_KINDS = {"appraisal_missing": N_("Democratic appraisal not held")}
CARE_KINDS = {"care_visit_due": N_("Festival visit to a cared-for member")}
#: A festival's visit counts from this many days before it; the reminder stays this long after it.
VISIT_LEAD_DAYS, OVERDUE_DAYS = 60, 15


def _owes(branch: BranchFacts, due: date) -> bool:
    start = branch.starts_on
    return start is None or start <= due.replace(day=1)


def appraisal_reminders(ctx: ReminderContext, branches: list[BranchFacts]) -> list[Reminder]:
    version = store.version_on(ctx.session, "appraisal", ctx.on)
    year = ctx.on.year
    if version is None or ctx.on.month < rules_from(version.content).reminder_month:
        return []
    done: set = set()
    for ids in chunks([b.id for b in branches]):
        done |= set(ctx.session.scalars(select(Appraisal.branch_id).where(
            Appraisal.branch_id.in_(ids), Appraisal.year == year, Appraisal.deleted.is_(False))))
    due = date(year, 12, 31)
    return [Reminder(kind="appraisal_missing", subject=b.name, due=due, status="due",
                     message=_("{branch}: the democratic appraisal of members for {year} is not recorded yet.").format(
                         branch=b.name, year=year),
                     target=ReminderTarget("appraisals", "create", b.id, preset={"year": year}), branch_name=b.name)
            for b in branches if b.id not in done and _owes(b, due)]


def _festivals(on: date, lead: int) -> list[tuple[str, date]]:
    days = [("july_first", date(on.year, 7, 1))]
    days += [("spring_festival", d) for d in (spring_festival(on.year), spring_festival(on.year + 1)) if d]
    return [(occasion, d) for occasion, d in days if d - timedelta(days=lead) <= on <= d + timedelta(days=OVERDUE_DAYS)]


def care_reminders(ctx: ReminderContext, branches: list[BranchFacts]) -> list[Reminder]:
    festivals = _festivals(ctx.on, ctx.settings.due_soon_days)
    if not festivals:
        return []
    by_id = {b.id: b for b in branches}
    ledger, visits = [], set()
    earliest = min(d for _o, d in festivals) - timedelta(days=VISIT_LEAD_DAYS)
    for ids in chunks(list(by_id)):
        ledger += ctx.session.scalars(select(CareMember).where(CareMember.branch_id.in_(ids),
                                                               CareMember.deleted.is_(False)))
        visits |= {(v.member_id, v.occasion, v.visited_on) for v in ctx.session.scalars(select(CareVisit).where(
            CareVisit.branch_id.in_(ids), CareVisit.deleted.is_(False), CareVisit.visited_on >= earliest))}
    names = {m.id: m.name for b in branches for m in b.members}
    out = []
    for occasion, day in festivals:
        label = _("July 1st") if occasion == "july_first" else _("Spring Festival")
        for entry in ledger:
            branch = by_id[entry.branch_id]
            if entry.listed_on > day or (entry.removed_on and entry.removed_on < day) or not _owes(branch, day):
                continue
            if any(m == entry.member_id and o == occasion and day - timedelta(days=VISIT_LEAD_DAYS) <= v
                   for m, o, v in visits):
                continue
            name = names.get(entry.member_id, "")
            out.append(Reminder(
                kind="care_visit_due", subject=name, due=day, status="overdue" if ctx.on > day else "due",
                message=_("{branch}: {name} on the care ledger is not yet visited for {festival} ({day}).").format(
                    branch=branch.name, name=name, festival=label, day=date_text(day)),
                target=ReminderTarget("care_visits", "create", branch.id,
                                      preset={"member_id": entry.member_id, "occasion": occasion}),
                branch_name=branch.name))
    return out
