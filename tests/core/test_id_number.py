"""ID numbers (GB 11643): check digit, derived birth date and gender, cross-checks."""

from __future__ import annotations

from datetime import date

import pytest

from dj_desktop.core.rules.id_number import (
    check_digit, make_id_number, normalise_id_number, parse_id_number, validate_id_number,
)

# The worked example printed in GB 11643-1999.
STANDARD_EXAMPLE = "11010519491231002X"


def test_check_digit_of_the_standard_example():
    assert check_digit(STANDARD_EXAMPLE[:17]) == "X"
    info = parse_id_number(STANDARD_EXAMPLE)
    assert info.birth_date == date(1949, 12, 31)
    assert info.gender == "female"


def test_male_from_odd_order_digit():
    number = make_id_number("370102", date(1980, 2, 29), 7, gender="male")
    info = parse_id_number(number)
    assert info.gender == "male" and info.birth_date == date(1980, 2, 29)
    assert int(number[16]) % 2 == 1


@pytest.mark.parametrize("typed", ["11010519491231002x", " 110105 19491231 002X ", "１１０１０５１９４９１２３１００２Ｘ"])
def test_typing_variants_are_normalised(typed):
    assert parse_id_number(typed).number == STANDARD_EXAMPLE
    assert normalise_id_number(typed) == STANDARD_EXAMPLE


def test_integer_cell_from_excel_is_accepted():
    number = make_id_number("110101", date(1975, 5, 6), 12, gender="female")
    assert number[-1] != "X"
    assert parse_id_number(int(number)).number == number


def test_float_cell_lost_digits():
    with pytest.raises(ValueError, match="文本"):
        parse_id_number(float(110101197505060123))


@pytest.mark.parametrize("bad, words", [
    ("110105194912310021", "最后一位应为 X"),          # wrong check digit
    ("11010519491231002", "18"),                       # too short
    ("110105491231002", "15 位"),                      # old 15-digit number
    ("1101051949123100AX", "17 位数字"),
    ("990105194912310020", "省"),                      # no such province
    ("110105194902300028", "出生日期"),                # 30 February
    ("", "为空"),
])
def test_invalid_numbers_say_why_in_chinese(bad, words):
    with pytest.raises(ValueError) as info:
        parse_id_number(bad)
    assert words in str(info.value)


def test_cross_check_with_entered_birth_date_and_gender():
    assert validate_id_number(STANDARD_EXAMPLE, birth_date=date(1949, 12, 31), gender="female") == []
    problems = validate_id_number(STANDARD_EXAMPLE, birth_date=date(1949, 12, 30), gender="male")
    assert {p.field for p in problems} == {"birth_date", "gender"}
    assert all(p.is_error for p in problems)
    assert "1949-12-31" in next(p.message for p in problems if p.field == "birth_date")


def test_bad_number_is_one_error_on_its_field():
    problems = validate_id_number("123", field="id")
    assert [(p.field, p.severity) for p in problems] == [("id", "error")]
