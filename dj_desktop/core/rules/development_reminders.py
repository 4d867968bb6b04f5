"""Reminders of member development, pure: what is due for one person from their file's timeline,
and a missing holiday calendar for the coming year. Nothing here records anything."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.cadence import CadenceSettings, Reminder, ReminderTarget, _status
from dj_desktop.core.rules.development import TimelineRow
from dj_desktop.core.rules.texts import date_text

#: Next step → (reminder kind, which bound is the due day).
WATCHED = {
    2: ("development_talk", "latest"),         # the talk within a month of the application
    6: ("development_review", "latest"),       # the half-yearly review of an activist
    7: ("development_one_year", "earliest"),   # an activist reaching one year
    13: ("development_notice", "earliest"),    # the public notice ending
    15: ("development_meeting", "latest"),     # the general meeting after the pre-review
    17: ("development_approval", "latest"),    # the approval deadline
    20: ("development_oath", "latest"),        # the oath a month after approval
    23: ("development_probation", "earliest"),  # the probation ending
    24: ("development_approval", "latest"),    # the conversion approval deadline
}
#: How long before 1 January a missing calendar for the coming year is mentioned.
CALENDAR_NOTICE_DAYS = 31


@dataclass(frozen=True)
class PersonFacts:
    file_id: uuid.UUID
    branch_id: uuid.UUID
    name: str
    next_no: int | None
    timeline: tuple[TimelineRow, ...]


def person_reminders(person: PersonFacts, on: date, settings: CadenceSettings) -> list[Reminder]:
    if person.next_no not in WATCHED:
        return []
    kind, which = WATCHED[person.next_no]
    row = person.timeline[person.next_no - 1]
    due = getattr(row.bounds, which)
    if due is None:
        return []
    # The same status rule as every reminder: due in the due-soon window, overdue once the day has passed
    # (for a day from which a step may be taken: it could have been taken and is still not recorded).
    status = _status(due, on, settings)
    if status is None:
        return []
    if which == "earliest" and status == "overdue":
        message = _("{name}: step {no} ({step}) could be taken from {day} ({rule}) and is not recorded yet.")
    elif which == "earliest":
        message = _("{name}: step {no} ({step}) may be taken from {day} ({rule}).")
    elif status == "overdue":
        message = _("{name}: step {no} ({step}) was due by {day} ({rule}).")
    else:
        message = _("{name}: step {no} ({step}) is due by {day} ({rule}).")
    rule = row.bounds.earliest_rule if which == "earliest" else row.bounds.latest_rule
    return [Reminder(kind=kind, subject=person.name, due=due, status=status,
                     message=message.format(name=person.name, no=row.no, step=row.name, day=date_text(due), rule=rule),
                     target=ReminderTarget("development", "open", person.branch_id, person.file_id))]


def calendar_reminder(branch_id: uuid.UUID, covered: frozenset[int], on: date, active: bool) -> list[Reminder]:
    """The coming year's holiday calendar is missing while people are in the pipeline."""
    coming = on.year + 1
    new_year = date(coming, 1, 1)
    if not active or coming in covered or (new_year - on) > timedelta(days=CALENDAR_NOTICE_DAYS):
        return []
    return [Reminder(kind="development_calendar", subject=str(coming), due=new_year, status="due",
                     message=_("Enter the holiday and make-up working days of {year}; until then working days "
                               "counted in it are provisional.").format(year=coming),
                     target=ReminderTarget("development", "open", branch_id))]
