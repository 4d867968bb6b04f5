"""Vocabularies of the organisational-life meetings (三会一课, 主题党日, 组织生活会, 民主评议)."""

from __future__ import annotations

from dj_desktop.core.i18n import N_

#: Meeting kinds in the order the branch manual lists them.
MEETING_KINDS = {
    "general_meeting": N_("Branch general meeting"),          # 支部党员大会
    "committee_meeting": N_("Branch committee meeting"),      # 支委会
    "group_meeting": N_("Party group meeting"),               # 党小组会
    "party_lesson": N_("Party lesson"),                       # 党课
    "themed_day": N_("Themed Party day"),                     # 主题党日
    "life_meeting": N_("Organisational life meeting"),        # 组织生活会
    "appraisal_meeting": N_("Democratic appraisal of members"),  # 民主评议党员
}

#: Why a member missed a meeting (the paper manual's 缺席原因 column).
ABSENCE_REASONS = {
    "sick_leave": N_("Sick leave"),        # 病假
    "personal_leave": N_("Personal leave"),  # 事假
    "official_duty": N_("On official duty"),  # 公差
    "away": N_("Away (mobile member)"),    # 外出流动
    "other": N_("Other"),                  # 其他
}

#: Follow-up of a decision (决议落实情况).
DECISION_STATUSES = {
    "pending": N_("Not started"),       # 未落实
    "in_progress": N_("In progress"),   # 落实中
    "done": N_("Carried out"),          # 已落实
}
