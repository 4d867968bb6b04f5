"""Words for what a backup holds: the reason it was taken and its record counts, in the user's language."""

from __future__ import annotations

from dj_desktop.core.i18n import N_, _

REASON_LABELS = {
    "daily": N_("daily backup"), "manual": N_("backup on demand"), "migration": N_("before an upgrade"),
    "roster-import": N_("before a roster import"), "office-import": N_("before an office import"),
    "restore": N_("before a restore"),
}

#: The record books a secretary recognises, in the order shown; other tables are summed as "other".
COUNT_LABELS = {
    "member": N_("members"), "meeting": N_("meetings"), "talk": N_("talks"), "work_plan": N_("plans"),
    "member_event": N_("member events"), "attachment": N_("attachments"),
}


def reason_label(reason: str) -> str:
    return _(REASON_LABELS[reason]) if reason in REASON_LABELS else reason


def counts_text(counts: dict[str, int]) -> str:
    parts = [f"{_(label)} {counts.get(table, 0)}" for table, label in COUNT_LABELS.items()]
    return "  ".join(parts)
