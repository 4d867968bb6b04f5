"""Organisation rules as reminders (DESIGN §2; rule set ``organisation``): a branch needs at least 3
full members; from 7 full members it sets up a committee of 3 to 7; above 50 members it may become
a general branch; every Party group with members has a leader. Pure functions over plain facts."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.cadence import BranchFacts, Reminder, ReminderTarget, committee_size, full_members_on

#: Content keys of rule set ``organisation`` and their upper limits (for the validator).
_KEYS = {"min_full_members": 100, "committee_from_full_members": 100, "committee_min": 50, "committee_max": 50,
         "general_branch_above_members": 10_000}


def validate_content(content: Any) -> dict[str, str]:
    if not isinstance(content, Mapping):
        return {"": _("The content must be an object with the organisation's numbers.")}
    problems = {}
    for key, limit in _KEYS.items():
        value = content.get(key)
        if type(value) is not int or not 0 < value <= limit:
            problems[key] = _("{key} must be a whole number greater than 0 and at most {limit}.").format(
                key=key, limit=limit)
    if not problems and content["committee_min"] > content["committee_max"]:
        problems["committee_min"] = _("The committee's smallest size cannot exceed its largest.")
    return problems


def _reminder(branch: BranchFacts, kind: str, on: date, message: str) -> Reminder:
    # A standing problem of the organisation: due today until it is put right.
    return Reminder(kind=kind, subject=branch.name, due=on, status="due", message=message,
                    target=ReminderTarget("terms", "open", branch.id), branch_name=branch.name)


def organisation_reminders(branch: BranchFacts, on: date, rules: Mapping[str, int]) -> list[Reminder]:
    present = sum(1 for m in branch.members if m.in_branch_on(on))
    if not present:
        return []   # an empty branch gets the first-steps guide, not warnings
    full = full_members_on(branch, on)
    size = committee_size(branch, on)
    who = branch.name
    out = []
    if full < rules["min_full_members"]:
        out.append(_reminder(branch, "too_few_members", on, _(
            "{who} has {n} full members; a Party branch needs at least {min}. Report to the upper Party "
            "committee (a joint branch with neighbouring units may be set up).").format(
            who=who, n=full, min=rules["min_full_members"])))
    has_committee = full >= rules["committee_from_full_members"]
    if has_committee and size == 0:
        out.append(_reminder(branch, "committee_missing", on, _(
            "{who} has {n} full members: from {from_} on a branch committee (支部委员会) is elected. No committee "
            "is recorded; after the election enter the committee and its term under Organisation.").format(
            who=who, n=full, from_=rules["committee_from_full_members"])))
    # A secretary-only branch (below the committee threshold) may have 1 or 2 seats; none may exceed the maximum.
    elif size > rules["committee_max"] or (has_committee and size < rules["committee_min"]):
        out.append(_reminder(branch, "committee_size", on, _(
            "{who}'s committee has {n} members; the rule is {min} to {max}. Adjust it at the next election "
            "or by-election.").format(who=who, n=size, min=rules["committee_min"], max=rules["committee_max"])))
    if present > rules["general_branch_above_members"]:
        out.append(_reminder(branch, "too_many_members", on, _(
            "{who} has {n} members, more than {max}: consider asking the upper Party committee to set up a "
            "general branch (党总支).").format(who=who, n=present, max=rules["general_branch_above_members"])))
    for group in branch.groups:
        if not any(m.in_branch_on(on) for m in branch.members_by_group.get(group.id, ())):
            continue
        if not any(s.held_on(on) for s in group.leaders):
            out.append(_reminder(branch, "group_without_leader", on, _(
                "{group} of {who} has no group leader recorded; appoint one and enter it under "
                "Organisation.").format(group=group.name, who=who)))
    return out
