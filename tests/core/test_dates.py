"""The date spellings people type and Excel stores, and text normalisation."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dj_desktop.core.rules.dates import add_years, age_on, normalise_text, parse_optional_date, parse_user_date

JULY_FIRST = date(2019, 7, 1)


@pytest.mark.parametrize("typed", [
    "2019-07-01", "2019.07.01", "2019/7/1", "2019年7月1日", "20190701", "2019-7-1", "2019.7.1",
    " 2019 年 7 月 1 日 ", "２０１９年７月１日", "２０１９．０７．０１", "2019-07-01 00:00:00", "2019年07月01",
    JULY_FIRST, datetime(2019, 7, 1, 8, 30), 20190701, 43647, 43647.0,
])
def test_accepted_spellings(typed):
    assert parse_user_date(typed) == JULY_FIRST


@pytest.mark.parametrize("typed, words", [
    ("2019-02-30", "不是日历上存在的日期"),
    ("2019.07", "缺少日"),
    ("七月一日", "不是日期"),
    ("", "为空"),
    ("1850-01-01", "超出范围"),
    (43647.5, "不是日期"),
    (float("inf"), "不是日期"),
    (float("-inf"), "不是日期"),
    (float("nan"), "不是日期"),
])
def test_refusals_say_why_in_chinese(typed, words):
    with pytest.raises(ValueError) as info:
        parse_user_date(typed)
    assert words in str(info.value)


def test_english_messages_when_english_is_chosen():
    from dj_desktop.core.i18n import set_language
    set_language("en")
    with pytest.raises(ValueError, match="not a real day"):
        parse_user_date("2019-02-30")


def test_optional_date():
    assert parse_optional_date(None) is None
    assert parse_optional_date("  ") is None
    assert parse_optional_date("2019/7/1") == JULY_FIRST


def test_normalise_text():
    assert normalise_text("  张 三 ") == "张三"
    assert normalise_text("１３８ ００００ ００００") == "13800000000"
    assert normalise_text(13800000000.0) == "13800000000"
    assert normalise_text("ＡＢｃ") == "ABc"
    assert normalise_text(None) == ""
    assert normalise_text("幸福里小区　3号楼   2单元", keep_inner_spaces=True) == "幸福里小区 3号楼 2单元"


def test_add_years_and_age():
    assert add_years(date(2020, 2, 29), 1) == date(2021, 2, 28)
    assert age_on(date(2000, 7, 2), date(2018, 7, 1)) == 17
    assert age_on(date(2000, 7, 1), date(2018, 7, 1)) == 18
