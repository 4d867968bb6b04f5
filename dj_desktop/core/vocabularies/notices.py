"""Vocabularies of the notice board (党务公开栏)."""

from __future__ import annotations

from dj_desktop.core.i18n import N_

NOTICE_KINDS = {
    "dues": N_("Dues collected"),                 # 党费收缴情况
    "candidates": N_("Candidate public notice"),  # 发展对象等公示
    "appraisal": N_("Appraisal results"),         # 民主评议结果
    "decision": N_("Decisions"),                  # 决议决定
    "funds": N_("Funds statement"),               # 党建经费收支
    "pledges": N_("Members' pledges"),            # 党员承诺事项
    "other": N_("Other"),                         # 其他
}

#: The procedure's steps in order, each with the field pair (who, when) it fills.
NOTICE_STEPS = {
    "proposed": N_("Proposed"),            # 提出
    "reviewed": N_("Secrecy reviewed"),    # 保密审查
    "approved": N_("Approved"),            # 审批
    "posted": N_("Posted"),                # 实施
}
