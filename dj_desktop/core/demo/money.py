"""Demo part: two years of Party dues (bases and quarterly payments, two members in arrears), the funds
ledger (allocations, dues kept back, spending) and the notice board (the half-year dues lists and last
year's funds statement, posted; one item still waiting for approval)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import insert, select

from dj_desktop.core import tracking
from dj_desktop.core.books import load_books
from dj_desktop.core.db import Database
from dj_desktop.core.models import Member, Organisation
from dj_desktop.core.models.money import DuesBase, DuesPayment, FundsEntry
from dj_desktop.core.rules import dues
from dj_desktop.core.rulesets import store
from dj_desktop.core.services.dues import dues_start
from dj_desktop.core.services.funds import FundsService
from dj_desktop.core.services.notices import NoticeService
from dj_desktop.core.services.dues import DuesService

_SPENDING = [("activities", "主题党日活动用品"), ("education", "党员教育培训资料"), ("materials", "党务公开栏更新"),
             ("care", "慰问生活困难党员"), ("activities", "“七一”纪念活动")]



def _handed_up(paid_on: date, today: date) -> date | None:
    """The branch hands each quarter's dues up on the 25th of the month after the quarter."""
    quarter_end = dues.add_months(date(paid_on.year, (paid_on.month - 1) // 3 * 3 + 1, 1), 2)
    day = dues.add_months(quarter_end, 1).replace(day=25)
    return day if day <= today else None


def _base(rng: random.Random, member: Member) -> tuple[str, Decimal | None, Decimal | None]:
    if member.category == "retired":
        return "retired", Decimal(rng.randrange(2800, 7200, 50)), None
    if member.category in ("employed", "mobile"):
        return "employed", Decimal(rng.choice([2800, 3000, 3600, 4500, 5000, 6200, 8000, 10000, 12500])), None
    return "unemployed", None, None


def generate(db: Database, *, today: date, rng: random.Random) -> None:
    load_books()
    first = date(today.year - 1, 1, 1)
    this_month = dues.month_of(today)
    last_quarter_end = dues.add_months(date(today.year, (today.month - 1) // 3 * 3 + 1, 1), -1)
    with db.sessions.begin() as s:
        branch = s.scalar(select(Organisation).where(Organisation.kind == "branch", Organisation.deleted.is_(False))
                          .order_by(Organisation.sort_order, Organisation.name))
        if branch is None:
            return
        version = store.version_on(s, "dues", today)
        rates = dues.rates_from(version.content, version.ref)
        members = [m for m in s.scalars(select(Member).where(Member.branch_id == branch.id, Member.deleted.is_(False))
                                        .order_by(Member.joined_on, Member.name))
                   if m.left_on is None and m.arrived_on <= today]
        bases, payments, behind = [], [], {m.id for m in members[3:5]}
        for member in members:
            kind, income, fixed = _base(rng, member)
            start = max(dues_start(member), first)
            due = dues.monthly_due(rates, kind, income, fixed).amount
            bases.append({"branch_id": branch.id, "member_id": member.id, "from_month": start, "kind": kind,
                          "income": income, "fixed_amount": fixed, "rules_version": rates.ref, "note": ""})
            # Most members pay each quarter in advance, in its first days (on time for the points);
            # two stopped paying two quarters ago, for the reminders and the points to find.
            stop = dues.add_months(last_quarter_end, -3) if member.id in behind else dues.add_months(last_quarter_end, 3)
            month = start
            while month <= stop:
                quarter_end = min(stop, dues.add_months(date(month.year, (month.month - 1) // 3 * 3 + 1, 1), 2))
                months = list(dues.month_range(month, quarter_end))
                paid_on = min(today, month + timedelta(days=rng.randrange(0, 10)))
                payments.append({"branch_id": branch.id, "member_id": member.id, "paid_on": paid_on,
                                 "first_month": month, "last_month": quarter_end, "amount": due * len(months),
                                 "expected": due * len(months), "voluntary": False, "collector": "李组织",
                                 "receipt_no": f"DF{paid_on:%Y%m}-{len(payments) + 1:04d}", "reason": "",
                                 "flags": "", "handed_up_on": _handed_up(paid_on, today),
                                 "rules_version": rates.ref})
                month = dues.add_months(quarter_end, 1)
        entries = []
        for year in (today.year - 1, today.year):
            entries.append({"entry_on": date(year, 1, 15), "direction": "income", "category": "allocation",
                            "amount": Decimal("1800.00"), "payee": "街道党工委", "voucher_no": f"{year}-01",
                            "description": "上级下拨党建工作经费"})
            if date(year, 7, 20) <= today:
                entries.append({"entry_on": date(year, 7, 20), "direction": "income", "category": "dues_kept",
                                "amount": Decimal(rng.randrange(200, 400)), "payee": "街道党工委",
                                "voucher_no": f"{year}-07", "description": "按规定留存的党费"})
            for n, month in enumerate(range(2, 13, 2)):
                day = date(year, month, 10)
                if day > today:
                    break
                category, text = _SPENDING[n % len(_SPENDING)]
                entries.append({"entry_on": day, "direction": "spending", "category": category,
                                "amount": Decimal(rng.randrange(80, 420)) + Decimal("0.50") * rng.randrange(2),
                                "payee": "社区超市" if category == "activities" else "新华书店",
                                "voucher_no": f"{year}-{month:02d}-{n + 2}", "description": text})
        s.info["reason"] = "demo"
        for model, rows in ((DuesBase, bases), (DuesPayment, payments),
                            (FundsEntry, [{"branch_id": branch.id, **e} for e in entries])):
            if rows:
                s.execute(insert(model), tracking.stamp_rows(s, rows, history_table=model.__tablename__))
        branch_id = branch.id
    dues_service, funds = DuesService(db), FundsService(db)
    notices = NoticeService(db, dues=dues_service, funds=funds)
    halves = [(y, h) for y in (today.year - 1, today.year) for h in (1, 2)
              if date(y, 6 if h == 1 else 12, 30) < today]
    for year, half in halves:
        on = date(year + (half == 2), 1 if half == 2 else 7, 8)
        if on > today:
            continue
        _publish(notices, notices.propose_dues_list(branch_id=branch_id, year=year, half=half, by="李组织", on=on,
                                                    today=today).id, on, today)
    on = date(today.year, 1, 20)
    if on <= today:
        _publish(notices, notices.propose_funds_statement(branch_id=branch_id, year=today.year - 1, by="李组织",
                                                          on=on, today=today).id, on, today)
    notices.propose(branch_id=branch_id, kind="candidates", title="发展对象公示", body="经支部委员会研究，拟将下列同志列为发展对象，现予公示。",
                    by="赵宣传", on=min(today, this_month + timedelta(days=1)), today=today)


def _publish(notices: NoticeService, notice_id, on: date, today: date) -> None:
    notices.advance(notice_id, "reviewed", by="赵宣传", on=on, today=today)
    notices.advance(notice_id, "approved", by="王书记", on=on + timedelta(days=1), today=today)
    notices.advance(notice_id, "posted", by="李组织", on=on + timedelta(days=2), post_until=on + timedelta(days=16),
                    today=today)
