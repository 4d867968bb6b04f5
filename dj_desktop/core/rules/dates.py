"""Reading the dates and text people really type (or Excel stores) into plain values."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

from dj_desktop.core.i18n import _

#: Full-width digits, letters and the ideographic space → their ASCII forms.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}          # ０-９
_FULL_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})    # Ａ-Ｚ
_FULL_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})    # ａ-ｚ
_FULL_WIDTH.update({0x3000: 0x20, 0xFF0E: 0x2E, 0xFF0F: 0x2F, 0xFF0D: 0x2D, 0xFF0B: 0x2B})

_SPACES = re.compile(r"\s+")
_SEPARATED = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YEAR_MONTH = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$")
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")

#: Excel counts days from 1899-12-30 (with its 1900 leap-year bug folded in).
_EXCEL_EPOCH = date(1899, 12, 30)
MIN_YEAR = 1900
MAX_YEAR = 2100


def normalise_text(value: object, *, keep_inner_spaces: bool = False) -> str:
    """Text as typed, with full-width digits/letters made half-width and spaces removed.

    ``None`` becomes ""; a whole float from Excel (``13800000000.0``) loses its ".0".
    Inner spaces are dropped (names, ID numbers, phones) unless ``keep_inner_spaces``,
    which only collapses runs of spaces into one (addresses, work units).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).translate(_FULL_WIDTH).replace("\u00a0", " ")
    if keep_inner_spaces:
        return _SPACES.sub(" ", text).strip()
    return _SPACES.sub("", text)


def parse_user_date(value: object) -> date:
    """A date from a date/datetime, an Excel serial number or text such as
    ``2019-07-01``, ``2019.07.01``, ``2019/7/1``, ``2019年7月1日``, ``20190701``
    (full-width digits and stray spaces allowed).

    Raises :class:`ValueError` whose message (translated) says what is wrong.
    """
    if isinstance(value, datetime):
        return _in_range(value.date(), str(value))
    if isinstance(value, date):
        return _in_range(value, str(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_number(value)
    text = normalise_text(value, keep_inner_spaces=True)
    if not text:
        raise ValueError(_("The date is empty."))
    text = _TIME_TAIL.sub("", text).strip()
    match = _SEPARATED.match(text) or _COMPACT.match(text.replace(" ", ""))
    if match is None:
        if _YEAR_MONTH.match(text):
            raise ValueError(_("\"{value}\" has no day; write the full date, e.g. 2019-07-01.").format(value=value))
        raise ValueError(_("\"{value}\" is not a date; write it like 2019-07-01 or 2019年7月1日.").format(value=value))
    year, month, day = (int(g) for g in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise ValueError(_("\"{value}\" is not a real day of the calendar (check the month and the day).")
                         .format(value=value)) from None
    return _in_range(parsed, str(value))


def parse_optional_date(value: object) -> date | None:
    """Like :func:`parse_user_date`, but an empty cell or blank text is ``None``."""
    if value is None or (isinstance(value, str) and not normalise_text(value)):
        return None
    return parse_user_date(value)


def _from_number(value: float) -> date:
    # An infinite or NaN cell (a broken formula) is no date either.
    number = int(value) if math.isfinite(value) else None
    if number is None or number != value:
        raise ValueError(_("\"{value}\" is not a date; write it like 2019-07-01 or 2019年7月1日.").format(value=value))
    if 19000101 <= number <= 21001231:
        return parse_user_date(str(number))
    if 1 <= number < 80000:
        # A date cell whose format was lost shows as Excel's day count.
        return _in_range(_EXCEL_EPOCH + timedelta(days=number), str(value))
    raise ValueError(_("\"{value}\" is not a date; write it like 2019-07-01 or 2019年7月1日.").format(value=value))


def _in_range(parsed: date, shown: str) -> date:
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValueError(_("The date {value} is out of range (years {first}–{last}).")
                         .format(value=shown, first=MIN_YEAR, last=MAX_YEAR))
    return parsed


def add_years(start: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in common years."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def age_on(birth_date: date, on: date) -> int:
    """Whole years of age on a day."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
