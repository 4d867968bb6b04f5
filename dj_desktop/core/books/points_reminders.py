"""Reminders of the practice, pledge and points books: pledges not made by the set date, pledge reviews
due, members below the study-hour target by quarter, last month's points not confirmed.

The dates come from the ``points`` scheme's ``dates`` (local practice, said so in its note); the
study-hour targets from the ``cadence`` rule set (meeting hours and practice study hours together).
"""

from __future__ import annotations

from datetime import date
from functools import partial
from operator import attrgetter

from dj_desktop.core.books.reminders import ReminderContext
from dj_desktop.core.books.points_grouped import months_by_branch, pledges_by_branch, scheme_of, study_hours_by_branch
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.points_facts import month_end, study_targets
from dj_desktop.core.rules.cadence import LEADER_ROLES, BranchFacts, MemberFacts, Reminder, ReminderTarget
from dj_desktop.core.rules.dues import add_months, month_text
from dj_desktop.core.rules.periods import last_month_start
from dj_desktop.core.rules.points import day_in
from dj_desktop.core.rules.reminder_batch import ReminderBatch, first_member_subject
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.rulesets import store

PLEDGE_KINDS = {"pledge_missing": N_("Pledge not made"), "pledge_review": N_("Pledge review")}
PRACTICE_KINDS = {"study_quarter": N_("Study hours this quarter")}
POINTS_KINDS = {"points_unconfirmed": N_("Points not confirmed")}


def _status(due: date, on: date, ctx: ReminderContext) -> str | None:
    if due < on:
        return "overdue"
    return "due" if (due - on).days <= ctx.settings.due_soon_days else None


def _owes(branch: BranchFacts, period_end: date) -> bool:
    """The branch kept its books (founded and past its 台账起始日期) by the period's last month."""
    start = branch.starts_on
    return start is None or start <= last_month_start(period_end)


def _members_in(branch: BranchFacts, month: date) -> list[MemberFacts]:
    """The branch's Party members on some day of ``month``, by name: the engine's facts, no query
    (the same members as ``points_facts.month_members``)."""
    end = month_end(month)
    return sorted([m for m in branch.members if m.arrived_on <= end and m.joined_on is not None
                   and m.joined_on <= end and (m.left_on is None or m.left_on >= month)], key=attrgetter("name"))


def _leaders(branch: BranchFacts, start: date, end: date) -> set:
    """Secretary and committee members who held a seat at some time between ``start`` and ``end``."""
    return {seat.member_id for seat in branch.seats if seat.role in LEADER_ROLES and seat.overlaps(start, end)}


def _dates(ctx: ReminderContext) -> dict | None:
    version = store.version_on(ctx.session, "points", ctx.on)
    return version.content["dates"] if version is not None else None


def pledge_reminders(ctx: ReminderContext, branches: list[BranchFacts]) -> list[Reminder | ReminderBatch]:
    dates, out = _dates(ctx), []
    if dates is None:
        return out
    year, s = ctx.on.year, ctx.session
    made_by = day_in(year, dates["pledge_made_by"])
    by_branch = pledges_by_branch(s, [b.id for b in branches], year)
    for b in branches:
        pledges = by_branch.get(b.id, {})
        status = _status(made_by, ctx.on, ctx) if _owes(b, made_by) else None
        missing = []
        for m in _members_in(b, ctx.on.replace(day=1)) if status else []:
            pledge = pledges.get(m.id) if pledges else None   # hashing a UUID is a Python call
            if m.arrived_on <= made_by and (pledge is None or pledge.published_on is None):
                missing.append((m, pledge))
        if missing:   # counted, not built, by the office's compliance check (issue 16)
            out.append(ReminderBatch("pledge_missing", made_by, status, b.id.int, missing, first_member_subject,
                                     partial(_pledge_missing, b.id, b.name, status, made_by, year)))
        for stage, key in (("mid", "mid_review_by"), ("end", "end_review_by")):
            due = day_in(year, dates[key])
            status = _status(due, ctx.on, ctx) if _owes(b, due) else None
            for p in pledges.values() if status else []:
                if p.published_on and p.published_on <= due and getattr(p, f"{stage}_review_on") is None:
                    name = next((m.name for m in b.members if m.id == p.member_id), "")
                    message = (_("{name}'s pledge needs its mid-year review by {day}.") if stage == "mid" else
                               _("{name}'s pledge needs its year-end review by {day}."))
                    out.append(Reminder(kind="pledge_review", subject=name, due=due, status=status,
                                        branch_name=b.name, message=message.format(name=name, day=date_text(due)),
                                        target=ReminderTarget("pledges", "open", b.id, record_id=p.id)))
    return out


def study_reminders(ctx: ReminderContext, branches: list[BranchFacts]) -> list[ReminderBatch]:
    """After each quarter: members whose study hours so far this year are below the target's share."""
    quarter = (ctx.on.month - 1) // 3          # completed quarters this year
    if quarter == 0:
        return []
    start, end = date(ctx.on.year, 1, 1), month_end(date(ctx.on.year, quarter * 3, 1))
    normal, lead, _ref = study_targets(ctx.session, ctx.on.year)
    normal, lead = round(normal * quarter / 4, 1), round(lead * quarter / 4, 1)   # the share due by now
    out = []
    owing = [b for b in branches if _owes(b, end)]
    by_branch = study_hours_by_branch(ctx.session, [b.id for b in owing], start, end)
    for b in owing:
        hours, leaders, behind = by_branch.get(b.id, {}), _leaders(b, start, end), []
        for m in _members_in(b, ctx.on.replace(day=1)):
            if m.arrived_on > start or m.joined_on > start:
                continue                        # arrived during the year: the yearly reminder pro-rates
            target = lead if leaders and m.id in leaders else normal
            done = round(sum(hours.get(m.id, (0.0, 0.0))), 1) if hours else 0.0
            if done < target:
                behind.append((m, done, target))
        if behind:
            out.append(ReminderBatch("study_quarter", end, "overdue", b.id.int, behind, first_member_subject,
                                     partial(_study_quarter, b.id, b.name, end)))
    return out


def _pledge_missing(branch_id, branch_name: str, status: str, made_by: date, year: int, item: tuple) -> Reminder:
    m, pledge = item
    return Reminder(kind="pledge_missing", subject=m.name, due=made_by, status=status, branch_name=branch_name,
                    message=partial(_pledge_text, m.name, made_by),
                    target=(ReminderTarget("pledges", "open", branch_id, record_id=pledge.id) if pledge else
                            ReminderTarget("pledges", "create", branch_id, preset={"member_id": m.id, "year": year})))


def _study_quarter(branch_id, branch_name: str, end: date, item: tuple) -> Reminder:
    m, done, target = item
    return Reminder(kind="study_quarter", subject=m.name, due=end, status="overdue", branch_name=branch_name,
                    message=partial(_study_text, m.name, done, end, target),
                    target=ReminderTarget("practice", "create", branch_id, preset={"member_id": m.id, "kind": "study"}))


def points_reminders(ctx: ReminderContext, branches: list[BranchFacts]) -> list[Reminder]:
    """Last month's points not confirmed by the scheme's day of this month."""
    month = add_months(ctx.on.replace(day=1), -1)
    out = []
    owing = [b for b in branches if _owes(b, month_end(month))]
    months, schemes = months_by_branch(ctx.session, [b.id for b in owing], month), {}
    for b in owing:
        kept, confirmed = months.get(b.id, ("", None))
        scheme = scheme_of(ctx.session, kept, month, schemes)
        if scheme is None:               # no scheme in effect that month: nothing to confirm
            continue
        due = ctx.on.replace(day=scheme.content["dates"]["month_confirmed_by_day"])
        status = _status(due, ctx.on, ctx)
        if confirmed is None and status and _members_in(b, month):
            out.append(Reminder(
                kind="points_unconfirmed", subject=b.name, due=due, status=status, branch_name=b.name,
                message=_("The points for {month} are not confirmed yet; check them with the members and confirm "
                          "by {day}.").format(month=month_text(month), day=date_text(due)),
                target=ReminderTarget("points", "open", b.id, preset={"month": month})))
    return out


def _pledge_text(name: str, made_by: date) -> str:
    return _("{name} has not made this year's pledge public (set date {day}).").format(
        name=name, day=date_text(made_by))


def _study_text(name: str, done: float, end: date, target: float) -> str:
    return _("{name} had {done} study hours (meetings and practice) by {day}, below the "
             "{target} due by then; arrange study.").format(name=name, done=f"{done:g}", day=date_text(end),
                                                            target=f"{target:g}")
