"""Vocabularies of the roster (党员花名册) and of a member's status history."""

from __future__ import annotations

from dj_desktop.core.i18n import N_

GENDERS = {"male": N_("Male"), "female": N_("Female")}

MEMBER_TYPES = {"full": N_("Full member"), "probationary": N_("Probationary member")}  # 正式/预备

CATEGORIES = {
    "employed": N_("Employed"),                 # 在职
    "unemployed": N_("Without post"),           # 无职
    "mobile": N_("Mobile"),                     # 流动 (外出)
    "retired": N_("Retired"),                   # 离退休
    "elderly_infirm": N_("Elderly or infirm"),  # 年老体弱
    "hardship": N_("In hardship"),              # 生活困难
}

MANAGEMENT = {"self": N_("Self-managed"), "co": N_("Co-managed")}  # 自管/联管

STATUSES = {
    "active": N_("In the branch"),
    "transferred_out": N_("Transferred out"),
    "deceased": N_("Deceased"),
    "removed": N_("Removed"),
}

#: Suggested values of the free-text education field (stored as the translated text).
EDUCATION_LEVELS = (
    N_("Primary school"), N_("Junior middle school"), N_("Senior middle school"),
    N_("Technical secondary school"), N_("Junior college"), N_("Bachelor"),
    N_("Master"), N_("Doctorate"),
)

EVENT_KINDS = {
    "joined": N_("Joined the Party"),                     # 入党
    "became_full": N_("Became a full member"),           # 转正
    "transferred_in": N_("Transferred in"),              # 转入
    "transferred_out": N_("Transferred out"),            # 转出
    "category_changed": N_("Category changed"),
    "group_changed": N_("Group changed"),
    "deceased": N_("Deceased"),                          # 去世
    "removed": N_("Removed from the Party"),             # 出党
}
