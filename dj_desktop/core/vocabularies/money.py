"""Vocabularies of Party dues (党费) and the branch funds ledger (党建经费)."""

from __future__ import annotations

from dj_desktop.core.i18n import N_

#: A member's kind of dues base (the 2008 规定, 第三条 to 第七条).
DUES_KINDS = {
    "employed": N_("Employed (monthly after-tax wage)"),          # 在职
    "annual_salary": N_("Annual salary (fixed monthly part)"),    # 年薪制
    "self_employed": N_("Self-employed (last year's monthly average)"),  # 个体经营
    "retired": N_("Retired (pension)"),                           # 离退休
    "farmer": N_("Farmer (set amount)"),                          # 农民
    "student": N_("Student"),                                     # 学生
    "unemployed": N_("Unemployed"),                               # 下岗失业
    "allowance": N_("Minimum living allowance"),                  # 最低生活保障
}

FUNDS_DIRECTIONS = {"income": N_("Income"), "spending": N_("Spending")}

#: Categories of the funds ledger: income first, then spending.
FUNDS_CATEGORIES = {
    "allocation": N_("Upper-level allocation"),       # 上级下拨
    "dues_kept": N_("Dues kept back"),                # 留存党费
    "other_income": N_("Other income"),               # 其他收入
    "activities": N_("Party activities"),             # 组织活动
    "education": N_("Education and training"),       # 教育培训
    "materials": N_("Materials and publicity"),       # 资料宣传
    "care": N_("Care for members in difficulty"),     # 关怀慰问
    "other_spending": N_("Other spending"),           # 其他支出
}
INCOME_CATEGORIES = ("allocation", "dues_kept", "other_income")

#: Flags a payment is recorded with (``DuesPayment.flags``, comma-separated).
PAYMENT_FLAGS = {
    "back_payment": N_("back-payment beyond the limit"),    # 补交超过规定月数
    "amount": N_("amount off the rate"),                     # 金额与标准不符
    "to_centre": N_("one-off voluntary payment for the Centre"),  # 一次性自愿多交 1000 元以上，全部上缴中央
}
