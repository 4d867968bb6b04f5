"""Codes of the practice archive and the pledges, with their N_ labels (the GUI may import these)."""

from __future__ import annotations

from dj_desktop.core.i18n import N_

#: Practice-archive kinds: volunteer service, the "六个一" items of seed 000, study, a post held.
PRACTICE_KINDS = {
    "volunteer": N_("Volunteer service"),
    "service_post": N_("Claimed a service post"),
    "pairing": N_("Paired with a family in hardship"),
    "volunteer_activity": N_("Joined a volunteer activity"),
    "cultural_group": N_("Led a cultural group"),
    "convenience": N_("Ran a convenience service"),
    "proposal": N_("Made a proposal"),
    "study": N_("Individual study or training"),
    "post": N_("Post and duty held"),
}
PLEDGE_STATUSES = {"kept": N_("Kept"), "partly": N_("Partly kept"), "not_kept": N_("Not kept")}
