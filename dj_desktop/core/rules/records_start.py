"""The record-keeping start date (台账起始日期) of a branch: the first day the program keeps its books.

By default the day the branch was created in the program; a secretary moves it earlier to backfill
past years. Reminders never reach before it: a period that ends before it owes nothing, and the
period containing it is judged from it as if the branch had been founded that day (owed only when the
start date falls on or before the first day of the period's last month; yearly study hours pro-rated
from it). The bounds below are input sanity, not a Party rule.
"""

from __future__ import annotations

from datetime import date

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.texts import date_text

#: The earliest start date accepted: no branch keeps electronic books from before this day.
EARLIEST_RECORDS_START = date(2000, 1, 1)


def check_records_start(day: date, *, founded_on: date | None, today: date) -> date:
    """``day`` when acceptable as a branch's record-keeping start date, else a ``ValidationError``
    on field ``records_start`` saying what to fix."""
    if day > today:
        raise ValidationError({"records_start": _(
            "The record-keeping start date {day} is in the future; enter today ({today}) or an earlier day."
        ).format(day=date_text(day), today=date_text(today))})
    if day < EARLIEST_RECORDS_START:
        raise ValidationError({"records_start": _(
            "The record-keeping start date cannot be before {earliest}."
        ).format(earliest=date_text(EARLIEST_RECORDS_START))})
    if founded_on is not None and day < founded_on:
        raise ValidationError({"records_start": _(
            "The record-keeping start date {day} is before the branch was founded ({founded}); enter the "
            "founding day or a later one."
        ).format(day=date_text(day), founded=date_text(founded_on))})
    return day


def owes_from(founded_on: date | None, records_start: date | None) -> date | None:
    """The day from which a branch owes anything: the later of its founding and its records start."""
    days = [d for d in (founded_on, records_start) if d is not None]
    return max(days) if days else None
