"""Vocabularies of the Party-group manual (党小组手册)."""

from __future__ import annotations

from dj_desktop.core.i18n import N_

#: The roles a Party group's leadership holds, as committee seats of the group.
GROUP_ROLES = {
    "group_leader": N_("Group leader"),                  # 党小组组长
    "deputy_group_leader": N_("Deputy group leader"),    # 党小组副组长
}

#: The three cards of a co-managed (联管) member.
CARD_KINDS = {
    "registration": N_("Basic registration card"),   # 基本情况登记卡
    "activity": N_("Activity record card"),          # 活动记录卡
    "feedback": N_("Feedback card"),                 # 反馈卡
}

#: How the community judged a co-managed member's part in its work (反馈卡 评价).
ASSESSMENTS = {
    "excellent": N_("Excellent"),   # 优秀
    "good": N_("Good"),             # 良好
    "fair": N_("Fair"),             # 一般
    "poor": N_("Poor"),             # 较差
}
