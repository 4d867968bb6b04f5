"""The date of the Spring Festival (春节, 农历正月初一) by Gregorian year: a data table, not a computation.

Source: the Chinese calendar as published by the Purple Mountain Observatory (紫金山天文台《中国天文年历》),
as reproduced in the State Council's yearly holiday notices (国务院办公厅关于部分节假日安排的通知). Years
outside the table have no Spring Festival reminder; extend the table rather than compute lunar dates."""

from __future__ import annotations

from datetime import date

SPRING_FESTIVAL: dict[int, date] = {
    2020: date(2020, 1, 25), 2021: date(2021, 2, 12), 2022: date(2022, 2, 1), 2023: date(2023, 1, 22),
    2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
    2028: date(2028, 1, 26), 2029: date(2029, 2, 13), 2030: date(2030, 2, 3), 2031: date(2031, 1, 23),
    2032: date(2032, 2, 11), 2033: date(2033, 1, 31), 2034: date(2034, 2, 19), 2035: date(2035, 2, 8),
}


def spring_festival(year: int) -> date | None:
    return SPRING_FESTIVAL.get(year)
