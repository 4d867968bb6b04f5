"""Codes of the appraisal and care archives (the GUI may import these)."""

from __future__ import annotations

from dj_desktop.core.i18n import N_

#: The committee's grade of a full member (优秀/合格/基本合格/不合格).
GRADES = {"excellent": N_("Excellent"), "qualified": N_("Qualified"), "basic": N_("Basically qualified"),
          "unqualified": N_("Unqualified")}
#: Grades that need a follow-up: a talk, an improvement plan, an outcome.
FOLLOW_UP_GRADES = frozenset({"basic", "unqualified"})
#: The vote-count fields, one per grade.
VOTE_FIELDS = {"excellent": "votes_excellent", "qualified": "votes_qualified", "basic": "votes_basic",
               "unqualified": "votes_unqualified"}
#: Meeting kinds of the branch manual at which the appraisal can be held (民主评议党员, 组织生活会, 党员大会).
APPRAISAL_MEETING_KINDS = ("appraisal_meeting", "life_meeting", "general_meeting")

CARE_CATEGORIES = {"elderly": N_("Elderly member"), "ill": N_("Ill member"), "hardship": N_("Member in hardship"),
                   "disabled": N_("Disabled member")}
OCCASIONS = {"july_first": N_("July 1st"), "spring_festival": N_("Spring Festival"), "illness": N_("Illness"),
             "bereavement": N_("Bereavement"), "other": N_("Other")}
