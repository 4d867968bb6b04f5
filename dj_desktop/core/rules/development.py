"""Member development (发展党员) on its 25-step timeline: pure functions over one person's file.

Three tracks, never mixed: the **actual** dates (entered by a person), the **rule bounds**
(earliest and latest dates the rule version allows, counted from actual dates where they
exist and from planned ones otherwise) and a **suggested plan** for steps not yet done.
Recomputing never moves an actual date. Nothing here decides anything: votes, reviews and
approvals are entered by a person and only checked here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Mapping, Sequence

from dateutil.relativedelta import relativedelta

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dates import age_on
from dj_desktop.core.rules.development_rules import Bound, DevelopmentRules, Span
from dj_desktop.core.rules.quorum import more_than_half
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.rules.workdays import WorkCalendar, nth_working_day

#: Stage codes by the last step done (first step of each stage → stage code).
STAGE_CODES = ("applicant", "activist", "candidate", "probationary", "full")


class StepRefused(ValueError):
    """A step that the rules forbid; ``str()`` is the translated reason naming the rule."""


@dataclass(frozen=True)
class FileFacts:
    """What is known of one person's development: the dates entered, nothing inferred."""

    applied_on: date
    birth_date: date | None
    #: step number → its actual dates (several only for the repeatable half-yearly review).
    done: Mapping[int, Sequence[date]] = field(default_factory=dict)
    extension_months: int = 0
    extensions: int = 0
    cancelled: bool = False

    def last(self, no: int) -> date | None:
        dates = self.done.get(no) or ()
        return max(dates) if dates else None


@dataclass(frozen=True)
class StepBounds:
    earliest: date | None = None
    latest: date | None = None
    special_latest: date | None = None
    earliest_rule: str = ""
    latest_rule: str = ""
    #: Counted through a year with no working-day calendar (暂算).
    provisional: bool = False
    #: Counted (partly) from planned dates, not actual ones.
    planned_basis: bool = False


@dataclass(frozen=True)
class TimelineRow:
    no: int
    stage: int
    name: str
    article: str
    actual: tuple[date, ...]
    bounds: StepBounds
    planned: date | None


@dataclass(frozen=True)
class Votes:
    entitled: int
    present: int
    in_favour: int


@dataclass(frozen=True)
class StepInput:
    on: date
    people: tuple[str, ...] = ()
    sponsors: tuple[str, ...] = ()
    #: Sponsors that are not full members (names), found by the caller on the roster.
    sponsors_not_full: tuple[str, ...] = ()
    meeting: bool = False
    votes: Votes | None = None
    note: str = ""


@dataclass(frozen=True)
class Verdict:
    provisional: bool = False
    #: Accepted past the usual limit in a special case (a reason was written).
    special: bool = False


def probation_end(rules: DevelopmentRules, facts: FileFacts, start: date | None = None) -> date | None:
    """The day the probation is complete: one year from the general meeting, plus any extension."""
    start = start or facts.last(rules.probation_from)
    if start is None:
        return None
    return rules.probation.add_to(start) + relativedelta(months=facts.extension_months)


def last_done(rules: DevelopmentRules, facts: FileFacts) -> int:
    return max((no for no in rules.steps if facts.done.get(no)), default=0)


def next_step(rules: DevelopmentRules, facts: FileFacts) -> int | None:
    if facts.cancelled:
        return None
    last = last_done(rules, facts)
    return last + 1 if last < len(rules.steps) else None


def stage_code(rules: DevelopmentRules, facts: FileFacts) -> str:
    if facts.cancelled:
        return "cancelled"
    last = last_done(rules, facts)
    if last >= 24:
        return "full"
    if last >= 17:
        return "probationary"
    if last >= 7:
        return "candidate"
    if last >= 3:
        return "activist"
    return "applicant"


def _source_day(rules: DevelopmentRules, facts: FileFacts, source: int | str,
                plan: Mapping[int, date]) -> tuple[date | None, bool]:
    """The day a bound counts from, and whether it is a planned (not actual) day."""
    if source == "last_review":
        actual = facts.last(6) or facts.last(3)
        return (actual, False) if actual else (plan.get(3), True)
    if source == "probation_end":
        start = facts.last(rules.probation_from)
        if start is not None:
            return probation_end(rules, facts, start), False
        planned = plan.get(rules.probation_from)
        return (probation_end(rules, facts, planned), True) if planned else (None, True)
    actual = facts.last(int(source))
    return (actual, False) if actual else (plan.get(int(source)), True)


def _shift(day: date, span: Span, calendar: WorkCalendar) -> tuple[date, bool]:
    if span.working_days:
        # A notice posted on ``day`` for N working days ends on the N-th one; the next step may follow a day later.
        counted = nth_working_day(calendar, day, span.working_days)
        return counted.day + timedelta(days=1), counted.provisional
    return span.add_to(day), False


def step_bounds(rules: DevelopmentRules, facts: FileFacts, no: int, calendar: WorkCalendar,
                plan: Mapping[int, date] | None = None) -> StepBounds:
    """Earliest / latest dates of step ``no``: the latest of the earliest bounds, the earliest latest one."""
    plan = plan or {}
    out = StepBounds()
    for bound in rules.step(no).bounds:
        base, planned = _source_day(rules, facts, bound.source, plan)
        if base is None:
            continue
        out = _apply(out, bound, base, planned, calendar)
    return out


def _apply(out: StepBounds, bound: Bound, base: date, planned: bool, calendar: WorkCalendar) -> StepBounds:
    values = dict(out.__dict__)
    if bound.earliest is not None:
        day, provisional = _shift(base, bound.earliest, calendar)
        if out.earliest is None or day > out.earliest:
            values.update(earliest=day, earliest_rule=bound.article)
        values["provisional"] = values["provisional"] or provisional
    if bound.latest is not None:
        day, provisional = _shift(base, bound.latest, calendar)
        if out.latest is None or day < out.latest:
            values.update(latest=day, latest_rule=bound.article,
                          special_latest=_shift(base, bound.special, calendar)[0] if bound.special else None)
        values["provisional"] = values["provisional"] or provisional
    values["planned_basis"] = values["planned_basis"] or planned
    return StepBounds(**values)


def timeline(rules: DevelopmentRules, facts: FileFacts, calendar: WorkCalendar) -> list[TimelineRow]:
    """Every step with its actual dates, its rule bounds and (when not done) a suggested date.

    The plan puts each undone step on the earliest day the rules and the step before allow;
    actual dates are never changed by it.
    """
    plan: dict[int, date] = {}
    rows = []
    previous = facts.applied_on
    for no, step in sorted(rules.steps.items()):
        bounds = step_bounds(rules, facts, no, calendar, plan)
        actual = tuple(sorted(facts.done.get(no) or ()))
        planned = None
        if actual:
            previous = actual[-1]
        elif not facts.cancelled:
            planned = max(previous, bounds.earliest or previous)
            plan[no] = planned
            previous = planned
        rows.append(TimelineRow(no=no, stage=step.stage, name=step.name, article=step.article,
                                actual=actual, bounds=bounds, planned=planned))
    return rows


def check_application(rules: DevelopmentRules, birth_date: date, applied_on: date, today: date) -> None:
    if applied_on > today:
        raise StepRefused(_("The application date {day} is in the future.").format(day=date_text(applied_on)))
    if age_on(birth_date, applied_on) < rules.min_age:
        adult = birth_date + relativedelta(years=rules.min_age)
        raise StepRefused(_("An applicant must be at least {age} ({rule}); this person can apply from {day}.")
                          .format(age=rules.min_age, rule=rules.min_age_article, day=date_text(adult)))


def check_votes(rules: DevelopmentRules, votes: Votes) -> None:
    """Quorum and majority of a general meeting: more than half of those entitled to vote present,
    and more than half of those entitled to vote in favour (not of those present)."""
    if not 0 <= votes.in_favour <= votes.present <= votes.entitled or votes.entitled < 1:
        raise StepRefused(_("The vote counts do not add up: entitled {entitled}, present {present}, "
                            "in favour {in_favour}.").format(**votes.__dict__))
    needed = more_than_half(votes.entitled)
    if votes.present < needed:
        raise StepRefused(_("No quorum: {present} of {entitled} members entitled to vote were present; at least "
                            "{needed} are needed ({rule}).").format(present=votes.present, entitled=votes.entitled,
                                                                   needed=needed, rule=rules.vote_article))
    if votes.in_favour < needed:
        raise StepRefused(_("Not passed: {in_favour} voted in favour; more than half of the {entitled} entitled to "
                            "vote ({needed}) is needed ({rule}).").format(
            in_favour=votes.in_favour, entitled=votes.entitled, needed=needed, rule=rules.vote_article))


def _check_needs(rules: DevelopmentRules, no: int, given: StepInput) -> None:
    step = rules.step(no)
    label = _("Step {no} ({name})").format(no=no, name=step.name)
    if step.people and not step.people[0] <= len(given.people) <= step.people[1]:
        raise StepRefused(_("{step} needs {low}–{high} people (--by); {count} given.").format(
            step=label, low=step.people[0], high=step.people[1], count=len(given.people)))
    if step.sponsors:
        if not step.sponsors[0] <= len(given.sponsors) <= step.sponsors[1]:
            raise StepRefused(_("{step} needs {count} sponsors (--sponsor); {given} given.").format(
                step=label, count=step.sponsors[0], given=len(given.sponsors)))
        if len(set(given.sponsors)) != len(given.sponsors):
            raise StepRefused(_("{step}: the sponsors must be two different people.").format(step=label))
        if given.sponsors_not_full:
            raise StepRefused(_("{step}: a sponsor must be a full member; {names} is not ({article}).").format(
                step=label, names="、".join(given.sponsors_not_full), article=step.article))
    if step.meeting and not given.meeting:
        raise StepRefused(_("{step} needs the meeting that decided it (--meeting).").format(step=label))
    if step.votes:
        if given.votes is None:
            raise StepRefused(_("{step} needs the vote counts (--entitled, --present, --for).").format(step=label))
        check_votes(rules, given.votes)


def check_step(rules: DevelopmentRules, facts: FileFacts, no: int, given: StepInput, calendar: WorkCalendar,
               today: date) -> Verdict:
    """Whether step ``no`` may be recorded on ``given.on``; raises :class:`StepRefused` naming the rule."""
    if facts.cancelled:
        raise StepRefused(_("This candidacy was cancelled; no further step can be recorded."))
    if no not in rules.steps:
        raise StepRefused(_("There is no step {no}; the steps are numbered 1 to {count}.").format(
            no=no, count=len(rules.steps)))
    step = rules.step(no)
    label = _("Step {no} ({name})").format(no=no, name=step.name)
    if given.on > today:
        raise StepRefused(_("{step}: {day} is in the future; record a step after it happened.").format(
            step=label, day=date_text(given.on)))
    last = last_done(rules, facts)
    if facts.done.get(no) and not (step.repeatable and last == no):
        raise StepRefused(_("{step} is already recorded.").format(step=label))
    if no > 1 and not facts.done.get(no - 1):
        missing = min(n for n in range(1, no) if not facts.done.get(n))
        raise StepRefused(_("{step} cannot come before step {missing} ({name}).").format(
            step=label, missing=missing, name=rules.step(missing).name))
    before = facts.last(no - 1) if no > 1 else facts.applied_on
    if no > 1 and step.repeatable and facts.last(no):
        before = facts.last(no)
    if before and given.on < before:
        raise StepRefused(_("{step} cannot be dated before the step before it ({day}).").format(
            step=label, day=date_text(before)))
    bounds = step_bounds(rules, facts, no, calendar)
    if bounds.earliest and given.on < bounds.earliest:
        raise StepRefused(_("{step} is too early: {rule} allows it from {day} at the earliest.").format(
            step=label, rule=bounds.earliest_rule, day=date_text(bounds.earliest)))
    special = False
    if bounds.latest and given.on > bounds.latest:
        if bounds.special_latest and given.on <= bounds.special_latest and given.note.strip():
            special = True
        elif bounds.special_latest and given.on <= bounds.special_latest:
            raise StepRefused(_("{step} is later than {rule} allows ({day} at the latest); in a special case "
                                "write the reason (--note).").format(step=label, rule=bounds.latest_rule,
                                                                     day=date_text(bounds.latest)))
        else:
            raise StepRefused(_("{step} is too late: {rule} allows it until {day} at the latest.").format(
                step=label, rule=bounds.latest_rule, day=date_text(bounds.special_latest or bounds.latest)))
    _check_needs(rules, no, given)
    return Verdict(provisional=bounds.provisional, special=special)


def check_extension(rules: DevelopmentRules, facts: FileFacts, months: int, on: date, today: date) -> None:
    """A probation extension (延长预备期): once, by 6–12 months, decided when the probation ends."""
    if facts.cancelled or not facts.done.get(17) or facts.done.get(23):
        raise StepRefused(_("Only a probationary member whose conversion is not yet decided can have the "
                            "probation extended."))
    if facts.extensions >= rules.extension_times:
        raise StepRefused(_("The probation can be extended only once ({rule}).").format(rule=rules.extension_article))
    if not rules.extension_min_months <= months <= rules.extension_max_months:
        raise StepRefused(_("An extension is {low} to {high} months ({rule}).").format(
            low=rules.extension_min_months, high=rules.extension_max_months, rule=rules.extension_article))
    end = probation_end(rules, facts)
    if on > today:
        raise StepRefused(_("{day} is in the future.").format(day=date_text(on)))
    if end and on < end:
        raise StepRefused(_("The extension is decided when the probation ends, on {day} at the earliest ({rule}).")
                          .format(day=date_text(end), rule=rules.probation_article))
