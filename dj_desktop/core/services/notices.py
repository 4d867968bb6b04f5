"""NoticeService: the notice board (党务公开). An item goes 提出 → 保密审查 → 审批 → 实施
(《中国共产党党务公开条例（试行）》2017, 第十五条), each step with who and when, in that order;
nothing is posted without approval. Items are never removed from the record (tombstones only).
The half-year dues list and the yearly funds statement create their items from the records.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from dj_desktop.core.books import book
from dj_desktop.core.books import records as ops
from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.models.notice import NoticeItem
from dj_desktop.core.rules.dues import ZERO, add_months, money_text, month_range, month_text
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.vocabularies.money import FUNDS_CATEGORIES
from dj_desktop.core.models import Member, Organisation
from dj_desktop.core.models.points import Pledge
from dj_desktop.core.notice_poster import NoticePoster
from dj_desktop.core.vocabularies.notices import NOTICE_KINDS, NOTICE_STEPS

#: step → (the step that must be done before it, its who-field, its when-field)
_STEPS = {"reviewed": ("proposed", "reviewed_by", "reviewed_on"),
          "approved": ("reviewed", "approved_by", "approved_on"),
          "posted": ("approved", "posted_by", "posted_on")}
_WHEN = {"proposed": "proposed_on", "reviewed": "reviewed_on", "approved": "approved_on", "posted": "posted_on"}


@dataclass(frozen=True)
class Notice:
    id: uuid.UUID
    branch_id: uuid.UUID
    kind: str
    title: str
    body: str
    steps: dict[str, tuple[str, date | None]]   # step → (who, when)
    post_until: date | None
    source: str

    @property
    def stage(self) -> str:
        done = [step for step in ("proposed", "reviewed", "approved", "posted") if self.steps[step][1]]
        return done[-1]

    def posting_ended(self, on: date) -> bool:
        return self.post_until is not None and self.steps["posted"][1] is not None and self.post_until < on


def _view(row: NoticeItem) -> Notice:
    return Notice(row.id, row.branch_id, row.kind, row.title, row.body,
                  {"proposed": (row.proposed_by, row.proposed_on), "reviewed": (row.reviewed_by, row.reviewed_on),
                   "approved": (row.approved_by, row.approved_on), "posted": (row.posted_by, row.posted_on)},
                  row.post_until, row.source)


def _who(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value or len(value) > 40:
        raise ValidationError({field: _("Enter who did this step (a name of at most 40 characters).")})
    return value


class NoticeService:
    def __init__(self, db: Database, *, dues=None, funds=None):
        self._db, self._dues, self._funds = db, dues, funds

    def propose(self, *, branch_id: uuid.UUID, kind: str, title: str, body: str, by: str, on: date,
                source: str = "", today: date | None = None) -> Notice:
        problems = {}
        if kind not in NOTICE_KINDS:
            problems["kind"] = _("Choose the kind of notice.")
        if not title.strip() or len(title.strip()) > 120:
            problems["title"] = _("Enter a title of at most 120 characters.")
        if on > (today or date.today()):
            problems["proposed_on"] = _("The date {day} is in the future.").format(day=date_text(on))
        if problems:
            raise ValidationError(problems)
        with self._db.sessions.begin() as s:
            row = ops.create(s, book("notices"), {
                "branch_id": branch_id, "kind": kind, "title": title.strip(), "body": body.strip(),
                "proposed_by": _who(by, "proposed_by"), "proposed_on": on, "source": source},
                today=today or date.today())
            return _view(row)

    def advance(self, notice_id: uuid.UUID, step: str, *, by: str, on: date, post_until: date | None = None,
                today: date | None = None) -> Notice:
        """Does ``step`` (reviewed, approved, posted) after the one before it, on or after its day."""
        before, who_field, when_field = _STEPS[step]
        with self._db.sessions.begin() as s:
            row = ops.fetch(s, book("notices"), notice_id)
            done_before = getattr(row, _WHEN[before])
            if getattr(row, when_field) is not None:
                raise UserError(_("This step was already done on {day}.").format(day=date_text(getattr(row, when_field))))
            if done_before is None:
                message = (_("A notice cannot be posted before it is approved.") if step == "posted" else
                           _("Do the steps in order: proposal, secrecy review, approval, posting."))
                raise UserError(message)
            if on < done_before or on > (today or date.today()):
                raise ValidationError({when_field: _("The date must be between {first} and today.").format(
                    first=date_text(done_before))})
            values = {who_field: _who(by, who_field), when_field: on}
            if step == "posted":
                if post_until is None or post_until < on:
                    raise ValidationError({"post_until": _("Give the last day of the posting period, "
                                                           "on or after the posting day.")})
                values["post_until"] = post_until
            row = ops.update(s, book("notices"), notice_id, values, today=today or date.today())
            return _view(row)

    def poster(self, notice_id: uuid.UUID, *, paper: str = "A4") -> NoticePoster:
        """The poster of an item; only an approved item is printed for the board."""
        if paper not in ("A4", "A3"):
            raise UserError(_("The paper must be A4 or A3."))
        with self._db.sessions() as s:
            row = ops.fetch(s, book("notices"), notice_id)
            if row.approved_on is None:
                raise UserError(_("A notice cannot be posted before it is approved."))
            branch = s.get(Organisation, row.branch_id)
            n = _view(row)
            return NoticePoster(branch_name=branch.name if branch else "", kind_label=_(NOTICE_KINDS[n.kind]),
                                title=n.title, body=n.body, posted_on=n.steps["posted"][1], post_until=n.post_until,
                                steps=tuple((_(NOTICE_STEPS[k]), who, when) for k, (who, when) in n.steps.items()),
                                paper=paper)

    def get(self, notice_id: uuid.UUID) -> Notice:
        with self._db.sessions() as s:
            return _view(ops.fetch(s, book("notices"), notice_id, live=False))

    def list(self, *, branch_id: uuid.UUID | None = None) -> list[Notice]:
        with self._db.sessions() as s:
            rows = ops.query(s, book("notices"), branch_id=branch_id)
            return sorted((_view(r) for r in rows), key=lambda n: (n.steps["proposed"][1], n.title), reverse=True)

    def propose_dues_list(self, *, branch_id: uuid.UUID, year: int, half: int, by: str, on: date,
                          today: date | None = None) -> Notice:
        """The half-year dues list (每半年公布党费收缴情况) from the payments: each member's months paid."""
        first = date(year, 1 if half == 1 else 7, 1)
        months = list(month_range(first, add_months(first, 5)))
        lines, total = [], ZERO
        paid_by: dict[uuid.UUID, dict[date, object]] = {}
        names: dict[uuid.UUID, str] = {}
        for month in months:
            for line in self._dues.roll(month, branch_id=branch_id):
                names[line.member_id] = line.name
                if line.due is None:         # not owing this month (no base yet, or before dues began)
                    continue
                paid_by.setdefault(line.member_id, {})[month] = (line.paid, month in line.unpaid)
        for member_id, per_month in paid_by.items():
            amount = sum((paid for paid, _owed in per_month.values()), ZERO)
            total += amount
            unpaid = [month_text(m) for m, (_paid, owed) in per_month.items() if owed]
            lines.append(_("{name}: paid {amount} yuan{unpaid}").format(
                name=names[member_id], amount=money_text(amount),
                unpaid=_("; not paid: {months}").format(months=", ".join(unpaid)) if unpaid else ""))
        body = "\n".join([*lines, _("Total: {amount} yuan").format(amount=money_text(total))])
        title = _("Party dues collected {year}, {half} half-year").format(
            year=year, half=_("first") if half == 1 else _("second"))
        return self.propose(branch_id=branch_id, kind="dues", title=title, body=body, by=by, on=on,
                            source=f"dues:{year}H{half}", today=today)

    def propose_funds_statement(self, *, branch_id: uuid.UUID, year: int, by: str, on: date,
                                today: date | None = None) -> Notice:
        st = self._funds.statement(year, branch_id=branch_id)
        lines = [_("Balance brought forward: {amount} yuan").format(amount=money_text(st.opening))]
        lines += [f"{_(FUNDS_CATEGORIES[c])}: {money_text(v)}" for c, v in st.by_category.items()]
        lines += [_("Income {income}, spending {spending}, balance {balance} yuan").format(
            income=money_text(st.income), spending=money_text(st.spending), balance=money_text(st.closing))]
        return self.propose(branch_id=branch_id, kind="funds", title=_("Party building funds {year}").format(year=year),
                            body="\n".join(lines), by=by, on=on, source=f"funds:{year}", today=today)

    def propose_pledge_list(self, *, branch_id: uuid.UUID, year: int, by: str, on: date,
                            today: date | None = None) -> Notice:
        """The members' pledges of the year for the board (党员承诺事项公开): each member's items."""
        with self._db.sessions() as s:
            rows = s.execute(select(Member.name, Pledge.items).join(Member, Member.id == Pledge.member_id).where(
                Pledge.branch_id == branch_id, Pledge.year == year, Pledge.deleted.is_(False))
                .order_by(Member.name)).all()
        if not rows:
            raise UserError(_("No pledges are recorded for {year} yet.").format(year=year))
        body = "\n".join(_("{name}: {items}").format(name=name, items=" ".join(items.split())) for name, items in rows)
        return self.propose(branch_id=branch_id, kind="pledges", title=_("Pledges of Party members {year}").format(
            year=year), body=body, by=by, on=on, source=f"pledges:{year}", today=today)
