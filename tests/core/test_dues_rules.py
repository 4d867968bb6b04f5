"""Party dues arithmetic: every bracket at its boundary (employed and retired), the set amounts,
rounding to the fen half up, arrears, the six-month flag, back-payment limit, the start month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.rules import dues
from dj_desktop.core.rulesets.loader import VALIDATORS, shipped_versions
from dj_desktop.core.rulesets.types import parse_version

D = Decimal


@pytest.fixture(scope="module")
def rates() -> dues.DuesRates:
    (v2008,) = shipped_versions("dues")
    return dues.rates_from(v2008.content, v2008.ref)


def test_the_shipped_version_names_the_2008_rules_and_what_was_not_confirmed(rates):
    (v2008,) = shipped_versions("dues")
    assert rates.ref == "dues@2008"
    assert "党费收缴、使用和管理的规定" in v2008.sources[0].document
    assert "未能" in v2008.note
    assert (rates.back_payment_months, rates.unpaid_flag_months) == (6, 6)


@pytest.mark.parametrize("kind", ["employed", "annual_salary", "self_employed"])
@pytest.mark.parametrize(("income", "rate", "due"), [
    ("0.00", "0.005", "0.00"),
    ("2999.99", "0.005", "15.00"),
    ("3000.00", "0.005", "15.00"),
    ("3000.01", "0.01", "30.00"),
    ("5000.00", "0.01", "50.00"),
    ("5000.01", "0.015", "75.00"),
    ("10000.00", "0.015", "150.00"),
    ("10000.01", "0.02", "200.00"),
    ("25000.00", "0.02", "500.00"),
])
def test_employed_brackets_at_their_boundaries_whole_base_at_one_rate(rates, kind, income, rate, due):
    result = dues.monthly_due(rates, kind, D(income))
    assert (result.rate, result.amount) == (D(rate), D(due))
    assert dues.money_text(result.amount) == due


@pytest.mark.parametrize(("income", "rate", "due"), [
    ("4999.99", "0.005", "25.00"),
    ("5000.00", "0.005", "25.00"),
    ("5000.01", "0.01", "50.00"),
    ("10000.00", "0.01", "100.00"),
    ("10000.01", "0.01", "100.00"),
])
def test_retired_brackets_at_their_boundaries(rates, income, rate, due):
    result = dues.monthly_due(rates, "retired", D(income))
    assert (result.rate, result.amount) == (D(rate), D(due))


@pytest.mark.parametrize(("income", "due"), [
    ("2345.00", "11.73"),    # 11.725 → 11.73: half up, not banker's rounding (which gives 11.72)
    ("2344.00", "11.72"),    # 11.72 exactly
    ("2343.00", "11.72"),    # 11.715 → 11.72
    ("2342.99", "11.71"),    # 11.71495 → 11.71
    ("4321.50", "43.22"),    # 43.215 → 43.22
])
def test_rounding_is_to_the_fen_half_up(rates, income, due):
    assert dues.monthly_due(rates, "employed", D(income)).amount == D(due)


def test_fixed_amounts(rates):
    for kind in ("student", "unemployed", "allowance"):
        assert dues.monthly_due(rates, kind) == dues.Due(None, D("0.20"))
    assert dues.monthly_due(rates, "farmer", fixed=D("0.20")).amount == D("0.20")
    assert dues.monthly_due(rates, "farmer", fixed=D("1.00")).amount == D("1.00")
    for bad in (D("0.19"), D("1.01"), None):
        with pytest.raises(ValueError, match="fixed"):
            dues.monthly_due(rates, "farmer", fixed=bad)


def test_negative_absurd_or_missing_income_and_unknown_kind_are_refused(rates):
    for bad in (D("-0.01"), D("10000000.01"), None):
        with pytest.raises(ValueError, match="income"):
            dues.monthly_due(rates, "employed", bad)
    assert dues.monthly_due(rates, "employed", D("10000000.00")).amount == D("200000.00")
    with pytest.raises(ValueError, match="kind"):
        dues.monthly_due(rates, "pensioner", D("100"))


def test_money_is_parsed_to_the_fen_and_never_from_a_float():
    assert dues.parse_money("15") == D("15.00")
    assert dues.parse_money(" 1,500.5元 ") == D("1500.50")
    assert dues.money_text(D("15")) == "15.00"
    for bad in ("15.005", "abc", "", "NaN", "inf", 15.0):
        with pytest.raises(ValueError):
            dues.parse_money(bad)


def test_months_parse_and_span():
    assert dues.parse_months("2024-11..2025-02") == [date(2024, 11, 1), date(2024, 12, 1),
                                                     date(2025, 1, 1), date(2025, 2, 1)]
    assert dues.parse_months("2024-03") == [date(2024, 3, 1)]
    for bad in ("2024-13", "2024/03", "2024-03..2024-01", "24-03"):
        with pytest.raises(ValueError):
            dues.parse_months(bad)


def test_dues_start_in_the_month_a_probationary_member_was_received():
    assert dues.dues_start(date(2024, 3, 31)) == date(2024, 3, 1)
    assert dues.dues_start(date(2024, 4, 1)) == date(2024, 4, 1)
    received_on_last_day = dues.standing(dues.dues_start(date(2024, 3, 31)), [], date(2024, 3, 1), flag_months=6)
    assert received_on_last_day.arrears_months == 1          # March is owed already
    before = dues.standing(dues.dues_start(date(2024, 4, 1)), [], date(2024, 3, 1), flag_months=6)
    assert before.arrears_months == 0                         # nothing owed before the month received


def test_arrears_and_the_six_month_flag_at_its_boundary():
    start = date(2024, 1, 1)
    paid = [date(2024, 1, 1), date(2024, 2, 1)]
    five = dues.standing(start, paid, date(2024, 7, 1), flag_months=6)
    six = dues.standing(start, paid, date(2024, 8, 1), flag_months=6)
    seven = dues.standing(start, paid, date(2024, 9, 1), flag_months=6)
    assert (five.arrears_months, five.unpaid_run, five.flagged) == (5, 5, False)
    assert (six.arrears_months, six.unpaid_run, six.flagged) == (6, 6, True)
    assert (seven.unpaid_run, seven.flagged) == (7, True)
    # Paying the latest month breaks the run, though older months stay in arrears.
    later = dues.standing(start, [*paid, date(2024, 9, 1)], date(2024, 9, 1), flag_months=6)
    assert (later.arrears_months, later.unpaid_run, later.flagged) == (6, 0, False)
    assert later.unpaid[0] == date(2024, 3, 1)
    cleared = dues.standing(start, dues.month_range(start, date(2024, 9, 1)), date(2024, 9, 1), flag_months=6)
    assert (cleared.arrears_months, cleared.flagged) == (0, False)
    assert dues.standing(None, [], date(2024, 9, 1), flag_months=6).arrears_months == 0


def test_back_payment_is_limited_to_six_months():
    paid_on = date(2024, 9, 15)
    assert dues.months_back(date(2024, 9, 1), paid_on) == 0
    assert dues.months_back(date(2024, 12, 1), paid_on) == 0           # paying ahead
    assert dues.beyond_back_payment([date(2024, 3, 1)], paid_on, 6) == []            # 6 back: allowed
    assert dues.beyond_back_payment([date(2024, 2, 1), date(2024, 3, 1)], paid_on, 6) == [date(2024, 2, 1)]


def test_expected_amount_sums_each_months_due():
    months = dues.parse_months("2024-01..2024-03")
    due = {m: D("15.00") for m in months}
    due[months[2]] = D("30.00")                # a pay rise from March (第十条)
    assert dues.expected_amount(due, months) == D("60.00")


def test_a_bad_dues_version_is_refused_with_a_message():
    data = shipped_versions("dues")[0].to_json()
    data["content"]["brackets"]["employed"][0]["rate"] = 0.005      # a float, not a string
    with pytest.raises(ValidationError) as caught:
        parse_version(data, origin="local", validators=VALIDATORS)
    assert list(caught.value.problems) == ["content"]
    data = shipped_versions("dues")[0].to_json()
    data["content"]["brackets"]["employed"][1]["up_to"] = "2000.00"   # bounds not ascending
    with pytest.raises(ValidationError):
        parse_version(data, origin="local", validators=VALIDATORS)
