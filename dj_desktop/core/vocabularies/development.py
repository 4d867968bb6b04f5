"""Stages of member development (发展党员) as shown to people."""

from dj_desktop.core.i18n import N_

STAGES = {
    "applicant": N_("Applicant"),                  # 入党申请人
    "activist": N_("Activist"),                    # 入党积极分子
    "candidate": N_("Candidate"),                  # 发展对象
    "probationary": N_("Probationary member"),     # 预备党员
    "full": N_("Full member"),                     # 正式党员
    "cancelled": N_("Cancelled"),                  # 取消资格
}
CALENDAR_KINDS = {"holiday": N_("Holiday"), "workday": N_("Make-up working day")}
