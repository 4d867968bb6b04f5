"""The ``development_on_time`` scoring rule: every member-development step on time.

A person in member development (发展党员档案) is on time in a period when each step recorded in the
period lies within the bounds the person's rule version allows (a step after its latest date, taken
in the special case the rules permit with a written reason, counts as late), and the next step is not
overdue at the period's end (its latest date has not passed; never counted beyond today). Full points
when everyone is on time, else the share of people on time. A period with nobody in development scores
0 with a note, as every rule does for a period without records. Plain data, no ORM."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from dj_desktop.core.i18n import _

if TYPE_CHECKING:  # imported in the function: assessment_rules imports this module
    from dj_desktop.core.rules.assessment_rules import RuleResult

#: How many late names a note lists before "…".
_NAMES_SHOWN = 5


@dataclass(frozen=True)
class DevelopmentFact:
    file_id: uuid.UUID
    name: str
    #: Steps recorded in the period outside their rule bounds (numbers 1–25).
    late_steps: tuple[int, ...] = ()
    #: The next step when its latest date passed before the period's end (or today), else None.
    overdue_step: int | None = None
    overdue_since: date | None = None

    @property
    def on_time(self) -> bool:
        return not self.late_steps and self.overdue_step is None


def development_on_time(params, facts) -> RuleResult:
    from dj_desktop.core.rules.assessment_rules import RuleResult
    people = facts.development
    evidence = tuple(("development", p.file_id) for p in people)
    if not people:
        return RuleResult(Decimal(0), (), _("Nobody was in member development in the period."))
    late = [p for p in people if not p.on_time]
    if not late:
        return RuleResult(Decimal(1), evidence, _("Every development step of {count} people was on time.").format(
            count=len(people)))
    names = "、".join(_late_text(p) for p in late[:_NAMES_SHOWN]) + ("…" if len(late) > _NAMES_SHOWN else "")
    note = _("{on_time} of {count} people in member development on time; late: {names}.").format(
        on_time=len(people) - len(late), count=len(people), names=names)
    return RuleResult(Decimal(len(people) - len(late)) / Decimal(len(people)), evidence, note)


def _late_text(p: DevelopmentFact) -> str:
    steps = list(p.late_steps) + ([p.overdue_step] if p.overdue_step is not None else [])
    return _("{name} (step {steps})").format(name=p.name, steps=", ".join(str(n) for n in sorted(set(steps))))
