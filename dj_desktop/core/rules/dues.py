"""Party dues arithmetic (党费): money to the fen, the monthly amount from the rate table, months and arrears.

Plain functions over plain data, no ORM. The numbers come from the ``dues`` rule set
(``resources/rulesets/dues/<version>.json``, the 2008 规定 with its articles); :func:`rates_from`
turns a version's content into :class:`DuesRates`.

Money is :class:`~decimal.Decimal` quantised to the fen (0.01) with ``ROUND_HALF_UP`` (0.005 → 0.01),
the way a cashier rounds; never ``float``. The rate is not progressive: the whole base is charged at
the rate of the bracket it falls in, and a bracket's upper bound belongs to it ("以下（含）").

A month is a ``date`` on the first of that month. Dues run from the month a probationary member was
received (the general meeting's decision) through the month asked about, both included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Iterable, Iterator, Mapping

from dj_desktop.core.i18n import _

FEN = Decimal("0.01")
ZERO = Decimal("0.00")

#: Income kinds a member's dues base can have (the CLI's ``--kind`` values and two employed variants).
KINDS = ("employed", "annual_salary", "self_employed", "retired", "farmer", "student", "unemployed", "allowance")


def to_fen(value: Decimal) -> Decimal:
    """``value`` rounded to the fen, half up (12.345 → 12.35, 12.344 → 12.34)."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def parse_money(text: Any) -> Decimal:
    """A user's amount (``"15"``, ``"15.5"``, ``"1,500.00"``, ``"15元"``) as a Decimal to the fen.

    Raises ``ValueError`` for anything that is not a finite number with at most two decimals; the
    caller words the message (negative or absurd amounts are the caller's rule)."""
    if isinstance(text, float):
        raise ValueError("money is never a float")
    raw = str(text).strip().replace(",", "").replace("，", "").removesuffix("元").strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None
    if not value.is_finite() or value.normalize().as_tuple().exponent < -2:
        raise ValueError(f"not an amount to the fen: {text!r}")
    return to_fen(value)


def money_text(value: Decimal | None) -> str:
    """``Decimal("15")`` → ``"15.00"`` (the JSON and printout form)."""
    return "" if value is None else f"{to_fen(value):.2f}"


@dataclass(frozen=True)
class Bracket:
    up_to: Decimal | None      # inclusive upper bound; None: no upper bound
    rate: Decimal


@dataclass(frozen=True)
class DuesRates:
    """The content of one ``dues`` rule-set version, typed."""

    brackets: Mapping[str, tuple[Bracket, ...]]          # table name → brackets, ascending
    rate_kinds: Mapping[str, str]                         # income kind → table name
    fixed_range: Mapping[str, tuple[Decimal, Decimal]]    # kind → (min, max) of a set amount
    fixed: Mapping[str, Decimal]                          # kind → the set amount
    max_income: Decimal
    back_payment_months: int
    unpaid_flag_months: int
    voluntary_to_centre_from: Decimal
    ref: str = ""                                         # "dues@2008": kept on the records it checked

    def kinds(self) -> tuple[str, ...]:
        return tuple(k for k in KINDS if k in self.rate_kinds or k in self.fixed_range or k in self.fixed)


@dataclass(frozen=True)
class Due:
    """What one member owes a month: the rate applied (None for a set amount) and the amount."""

    rate: Decimal | None
    amount: Decimal


def _money(value: Any) -> Decimal:
    if not isinstance(value, str):
        raise ValueError("amounts are written as strings, e.g. \"3000.00\"")
    amount = Decimal(value)
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"bad amount {value!r}")
    return amount


def rates_from(content: Mapping[str, Any], ref: str = "") -> DuesRates:
    """Typed rates from a version's content; raises ``ValueError``/``KeyError``/``TypeError`` on a bad shape."""
    brackets = {}
    for table, rows in content["brackets"].items():
        parsed = tuple(Bracket(None if row["up_to"] is None else _money(row["up_to"]), _money(row["rate"]))
                       for row in rows)
        bounds = [b.up_to for b in parsed]
        if not parsed or bounds[-1] is not None or None in bounds[:-1] or bounds[:-1] != sorted(set(bounds[:-1])):
            raise ValueError(f"brackets of {table}: ascending bounds, the last without one")
        if any(not 0 < b.rate < 1 for b in parsed):
            raise ValueError(f"brackets of {table}: rates between 0 and 1")
        brackets[table] = parsed
    rate_kinds = dict(content["rate_kinds"])
    if any(kind not in KINDS or table not in brackets for kind, table in rate_kinds.items()):
        raise ValueError("rate_kinds: a known kind mapped to a bracket table")
    fixed_range = {k: (_money(v["min"]), _money(v["max"])) for k, v in content.get("fixed_range", {}).items()}
    fixed = {k: _money(v) for k, v in content.get("fixed", {}).items()}
    if any(k not in KINDS for k in (*fixed_range, *fixed)) or any(lo > hi for lo, hi in fixed_range.values()):
        raise ValueError("fixed amounts: known kinds, min not above max")
    months = (content["back_payment_months"], content["unpaid_flag_months"])
    if any(type(m) is not int or not 1 <= m <= 120 for m in months):
        raise ValueError("month limits: whole numbers from 1 to 120")
    return DuesRates(brackets=brackets, rate_kinds=rate_kinds, fixed_range=fixed_range, fixed=fixed,
                     max_income=_money(content["max_income"]), back_payment_months=months[0],
                     unpaid_flag_months=months[1],
                     voluntary_to_centre_from=_money(content["voluntary_to_centre_from"]), ref=ref)


def validate_content(content: Any) -> dict[str, str]:
    """Problems of a ``dues`` version's content (``{field: message}``), for the rule-set loader."""
    try:
        rates_from(content)
    except (ValueError, KeyError, TypeError, AttributeError, InvalidOperation) as exc:
        return {"": _("The dues content must give brackets (up_to, rate), rate_kinds, fixed amounts, "
                      "max_income and the month limits ({problem}).").format(problem=str(exc)[:200])}
    return {}


def rate_for(rates: DuesRates, kind: str, income: Decimal) -> Decimal:
    """The rate of the bracket ``income`` falls in (bounds inclusive); the whole base at that rate."""
    for bracket in rates.brackets[rates.rate_kinds[kind]]:
        if bracket.up_to is None or income <= bracket.up_to:
            return bracket.rate
    raise AssertionError("the last bracket has no bound")


def monthly_due(rates: DuesRates, kind: str, income: Decimal | None = None, fixed: Decimal | None = None) -> Due:
    """The monthly amount for a base. Raises ``ValueError`` naming what is wrong:
    unknown kind, a missing/negative/absurd income, a set amount outside its range."""
    if kind in rates.rate_kinds:
        if income is None or income < 0 or income > rates.max_income:
            raise ValueError("income")
        rate = rate_for(rates, kind, income)
        return Due(rate, to_fen(income * rate))
    if kind in rates.fixed_range:
        low, high = rates.fixed_range[kind]
        if fixed is None or not low <= fixed <= high:
            raise ValueError("fixed")
        return Due(None, to_fen(fixed))
    if kind in rates.fixed:
        return Due(None, rates.fixed[kind])
    raise ValueError("kind")


# --- months -------------------------------------------------------------------------------------

def month_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> int:
    """How many months ``last`` is after ``first`` (same month: 0)."""
    return (last.year - first.year) * 12 + last.month - first.month


def month_range(first: date, last: date) -> Iterator[date]:
    """Every month from ``first`` to ``last``, both included (nothing when ``last`` is earlier)."""
    month = month_of(first)
    while month <= last:
        yield month
        month = add_months(month, 1)


def parse_month(text: str) -> date:
    """``"2024-03"`` → ``date(2024, 3, 1)``; ``ValueError`` otherwise."""
    year, sep, month = str(text).strip().partition("-")
    if not sep or len(year) != 4 or not year.isdigit() or not month.isdigit() or len(month) > 2:
        raise ValueError(f"not a month: {text!r}")
    return date(int(year), int(month), 1)


def parse_months(text: str) -> list[date]:
    """``"2024-01"`` or ``"2024-01..2024-03"`` → the months; ``ValueError`` for a reversed or huge span."""
    first, sep, last = str(text).partition("..")
    start = parse_month(first)
    end = parse_month(last) if sep else start
    if end < start or months_between(start, end) >= 120:
        raise ValueError(f"not a span of months: {text!r}")
    return list(month_range(start, end))


def month_text(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def dues_start(received_on: date) -> date:
    """The first month a member owes: the month the general meeting received them as probationary."""
    return month_of(received_on)


# --- payments, arrears, flags -------------------------------------------------------------------

@dataclass(frozen=True)
class Standing:
    """A member's dues position through a month."""

    unpaid: tuple[date, ...] = ()             # months owed and not paid, oldest first
    unpaid_run: int = 0                       # consecutive unpaid months ending at the month asked about
    flagged: bool = False                     # the run reached the limit (six months, 党章第九条)
    paid_months: frozenset[date] = field(default_factory=frozenset)

    @property
    def arrears_months(self) -> int:
        return len(self.unpaid)


def standing(start: date | None, paid: Iterable[date], through: date, *, flag_months: int) -> Standing:
    """Unpaid months from ``start`` through ``through`` (both included) and the unpaid-run flag."""
    paid_set = frozenset(month_of(m) for m in paid)
    if start is None:
        return Standing(paid_months=paid_set)
    owed = list(month_range(month_of(start), month_of(through)))
    unpaid = tuple(m for m in owed if m not in paid_set)
    run = 0
    for month in reversed(owed):
        if month in paid_set:
            break
        run += 1
    return Standing(unpaid=unpaid, unpaid_run=run, flagged=run >= flag_months, paid_months=paid_set)


def months_back(month: date, paid_on: date) -> int:
    """How many months before the payment's month ``month`` is (0: this month or ahead)."""
    return max(0, months_between(month_of(month), month_of(paid_on)))


def beyond_back_payment(months: Iterable[date], paid_on: date, limit: int) -> list[date]:
    """The months of a payment further back than ``limit`` months (6 months back is allowed, 7 is not)."""
    return [m for m in months if months_back(m, paid_on) > limit]


def expected_amount(dues: Mapping[date, Decimal], months: Iterable[date]) -> Decimal:
    """What a payment for ``months`` should be, from each month's due."""
    return to_fen(sum((dues[m] for m in months), ZERO))
