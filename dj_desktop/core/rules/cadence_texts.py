"""The messages of the hottest cadence rules, written only when a reminder's message is read
(``lazy_text.py``): meetings owed, talks, study hours and political birthdays per member."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.texts import date_text, meeting_kind_text, period_text


def meeting_text(status: str, who: str, start: date, period: str, kind: str, held: int, required: int,
                 due: date) -> str:
    params = dict(who=who, period=period_text(start, period), kind=meeting_kind_text(kind),
                  held=held, required=required, due=date_text(due))
    if status == "overdue":
        return _("{who}: no {kind} recorded for {period} ({held} of {required} held). If it was held, "
                 "enter the record; if not, hold it now and note why it was late.").format(**params)
    return _("{who}: the {kind} for {period} has not been held yet ({held} of {required}); "
             "hold it by {due} and keep the record.").format(**params)


def talk_text(status: str, name: str, year: int, due: date) -> str:
    params = dict(name=name, year=year, due=date_text(due))
    return (_("No heart-to-heart talk with {name} was recorded in {year}. Record it if it took place.")
            if status == "overdue" else
            _("No heart-to-heart talk with {name} yet this year; a committee member should talk "
              "with them by {due}.")).format(**params)


def study_text(status: str, name: str, year: int, done: float, target: float, due: date) -> str:
    params = dict(name=name, year=year, done=f"{done:g}", target=f"{target:g}", due=date_text(due))
    return (_("{name} had {done} of {target} study hours in {year}; record any missing study or "
              "arrange make-up study.") if status == "overdue" else
            _("{name} has {done} of {target} study hours this year; arrange study to reach the "
              "target by {due}.")).format(**params)


def birthday_text(name: str, day: date, years: int, due: date) -> str:
    return _("{name}'s political birthday ({years} years in the Party) is on {day}; honour it at this "
             "quarter's political birthday gathering, held by {due}.").format(
        name=name, day=date_text(day), years=years, due=date_text(due))
