"""The 18-digit resident identity number (居民身份证号, GB 11643-1999): check digit,
birth date and gender derived from it and cross-checked with the entered ones."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import date

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dates import normalise_text
from dj_desktop.core.rules.problems import ERROR, Problem

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
#: First two digits: provinces, autonomous regions, municipalities, HK/Macao/Taiwan residents.
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83",
})


@dataclass(frozen=True)
class IdNumberInfo:
    number: str
    birth_date: date
    gender: str  # "male" / "female"


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return CHECK_CHARS[total % 11]


def normalise_id_number(value: object) -> str:
    """Upper-case, half-width, no spaces; an integer cell from Excel becomes its digits."""
    return normalise_text(value).upper()


def parse_id_number(value: object) -> IdNumberInfo:
    """The normalised number with its birth date and gender; :class:`ValueError` says what is wrong."""
    if isinstance(value, float) and not value.is_integer() or isinstance(value, float) and value >= 1e15:
        # 18 digits do not fit in a floating-point cell: Excel already lost the last ones.
        raise ValueError(_("The ID number was stored as a number in Excel and its last digits were lost; "
                           "format the column as text and type the number again."))
    return _parse_normalised(normalise_id_number(value))


@lru_cache(maxsize=32768)
def _parse_normalised(number: str) -> IdNumberInfo:
    # Cached: an import checks each number several times (row check, duplicates, saving).
    # Only successful results are cached; errors are raised (and translated) anew each time.
    if not number:
        raise ValueError(_("The ID number is empty."))
    if len(number) == 15 and number.isdigit():
        raise ValueError(_("{number} is an old 15-digit ID number; enter the 18-digit number on the "
                           "current ID card.").format(number=number))
    if len(number) != 18:
        raise ValueError(_("An ID number has 18 characters; {number} has {count}.")
                         .format(number=number, count=len(number)))
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValueError(_("{number}: an ID number is 17 digits followed by a digit or X.").format(number=number))
    if number[:2] not in PROVINCE_CODES:
        raise ValueError(_("{number}: the first two digits {code} are not a province code.")
                         .format(number=number, code=number[:2]))
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValueError(_("{number}: digits 7–14 ({digits}) are not a real birth date.")
                         .format(number=number, digits=number[6:14])) from None
    if birth.year < 1900:
        raise ValueError(_("{number}: the birth year {year} is not possible.").format(number=number, year=birth.year))
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise ValueError(_("{number}: the last character should be {expected}; check each digit against "
                           "the ID card.").format(number=number, expected=expected))
    gender = "male" if int(number[16]) % 2 else "female"
    return IdNumberInfo(number=number, birth_date=birth, gender=gender)


def validate_id_number(value: object, *, birth_date: date | None = None, gender: str | None = None,
                       field: str = "id_number") -> list[Problem]:
    """Problems with an ID number and with the birth date and gender entered beside it.

    A wrong number is an error on ``field``; a birth date or gender that differs from
    what the number says is an error on ``birth_date`` / ``gender``.
    """
    try:
        info = parse_id_number(value)
    except ValueError as exc:
        return [Problem(field, str(exc), ERROR)]
    problems: list[Problem] = []
    if birth_date is not None and birth_date != info.birth_date:
        problems.append(Problem("birth_date", _(
            "The birth date {entered} differs from the ID number, which says {derived}.")
            .format(entered=birth_date.isoformat(), derived=info.birth_date.isoformat()), ERROR))
    if gender and gender != info.gender:
        derived = _("male") if info.gender == "male" else _("female")
        problems.append(Problem("gender", _("The gender differs from the ID number, which says {derived}.")
                                .format(derived=derived), ERROR))
    return problems


def make_id_number(region: str, birth_date: date, sequence: int, *, gender: str) -> str:
    """A valid number for ``region`` (6 digits) and ``birth_date``; ``sequence`` 0–498
    picks the order code (001–998), odd for men and even for women."""
    order = sequence % 499 * 2 + (1 if gender == "male" else 2)
    first17 = f"{region}{birth_date:%Y%m%d}{order:03d}"
    return first17 + check_digit(first17)
