"""Issue 12's rest: exemption for illness (its first and last month, an open one), members' sign-off
(one per month, not before the month), the year's ranking (ties share; exempt months add nothing), the
pledges' list for the notice board and the pledge sheet as the book's printed form."""

from __future__ import annotations

from datetime import date

import pypdf
import pytest

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.rules.dues import parse_months
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


def _row(services, world, name, month):
    return next(r for r in services.points.month(world.branch, month).rows if r.member_id == world.members[name])


def test_an_exemption_covers_its_months_only(db, services):
    world = build_world(db)
    qian = world.members["钱一"]
    with pytest.raises(ValidationError, match="原因"):
        services.records.create("point_exemptions", {"branch_id": world.branch, "member_id": qian,
                                                     "from_month": date(2026, 3, 1), "reason": " "}, today=TODAY)
    with pytest.raises(ValidationError):
        services.records.create("point_exemptions", {"branch_id": world.branch, "member_id": qian,
                                                     "from_month": date(2026, 3, 1), "until_month": date(2026, 2, 1),
                                                     "reason": "长期患病"}, today=TODAY)
    services.records.create("point_exemptions", {"branch_id": world.branch, "member_id": qian,
                                                 "from_month": date(2026, 3, 1), "until_month": date(2026, 5, 1),
                                                 "reason": "长期患病、行动不便"}, today=TODAY)
    states = {m: _row(services, world, "钱一", date(2026, m, 1)) for m in (2, 3, 5, 6)}
    assert [(states[m].exempt, states[m].rank is None, states[m].total) for m in (3, 5)] == [(True, True, 0.0)] * 2
    assert not states[2].exempt and not states[6].exempt and states[6].rank is not None
    services.records.create("point_exemptions", {"branch_id": world.branch, "member_id": world.members["孙二"],
                                                 "from_month": date(2026, 10, 1), "reason": "长期患病"}, today=TODAY)
    assert _row(services, world, "孙二", date(2026, 11, 1)).exempt        # open: lasts until ended
    assert not _row(services, world, "孙二", date(2026, 9, 1)).exempt


def test_sign_off_once_a_month_and_the_year_ranking(db, services):
    world = build_world(db)
    wang = world.members["王书记"]
    with pytest.raises(ValidationError):
        services.points.sign_off(world.branch, wang, date(2026, 3, 1), on=date(2026, 2, 28), today=TODAY)
    services.points.sign_off(world.branch, wang, date(2026, 3, 1), on=date(2026, 3, 1), today=TODAY)
    with pytest.raises(UserError, match="已有"):                 # once a month
        services.points.sign_off(world.branch, wang, date(2026, 3, 1), on=date(2026, 4, 2), today=TODAY)
    assert services.points.signoffs(world.branch, date(2026, 3, 1)) == {wang: date(2026, 3, 1)}

    services.records.create("points", {"branch_id": world.branch, "member_id": wang, "month": date(2026, 2, 1),
                                       "item": "other", "points": 5, "reason": "获评优秀"}, today=TODAY)
    services.records.create("point_exemptions", {"branch_id": world.branch, "member_id": world.members["钱一"],
                                                 "from_month": date(2026, 1, 1), "until_month": date(2026, 1, 1),
                                                 "reason": "长期患病"}, today=TODAY)
    lines = {line.name: line for line in services.points.year(world.branch, 2026, today=date(2026, 3, 15))}
    assert (lines["王书记"].rank, lines["王书记"].total, lines["王书记"].months) == (1, 185.0, 3)
    assert lines["李组织"].rank == lines["孙二"].rank == 2 and lines["李组织"].total == 180.0
    assert (lines["钱一"].total, lines["钱一"].months) == (120.0, 2)          # January exempt
    report = services.points.year_report(world.branch, 2026, today=date(2026, 3, 15))
    assert ("最高", "王书记") in [(k[-2:], v) for k, v in report.facts]


def test_pledges_go_to_the_board_and_print_as_a_sheet(db, services, tmp_path):
    world = build_world(db)
    with pytest.raises(Exception, match="2026"):
        services.notices.propose_pledge_list(branch_id=world.branch, year=2026, by="王书记", on=TODAY, today=TODAY)
    pledge = services.records.create("pledges", {
        "branch_id": world.branch, "member_id": world.members["钱一"], "year": 2026, "items": "每月走访结对户\n带头垃圾分类",
        "published_on": date(2026, 3, 1), "mid_review_on": date(2026, 7, 1), "mid_status": "kept",
        "mid_comment": "走访到位"}, today=TODAY)
    notice = services.notices.propose_pledge_list(branch_id=world.branch, year=2026, by="王书记", on=TODAY,
                                                  today=TODAY)
    assert notice.kind == "pledges" and notice.stage == "proposed" and "钱一：每月走访结对户 带头垃圾分类" in notice.body
    printout = services.records.printout("pledges", pledge.id)
    path = tmp_path / "承诺书.pdf"
    printout.writer(printout.data, path, branch_name=printout.branch_name)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
    assert "党员承诺书" in text and "钱一" in text and "带头垃圾分类" in text and "走访到位" in text
    assert "本人签名" in text


def test_dues_not_paid_by_the_month_end_deduct_automatically_once(db, services):
    world = build_world(db)
    wang, li = world.members["王书记"], world.members["李组织"]
    for member in (wang, li):
        services.dues.set_base(member, kind="employed", income="4000.00", from_month=date(2026, 1, 1), today=TODAY)
    services.dues.pay(wang, months=parse_months("2026-03..2026-05"), amount="120.00", paid_on=date(2026, 3, 31),
                      today=TODAY)                                        # in advance: on time
    services.dues.pay(li, months=parse_months("2026-03"), amount="40.00", paid_on=date(2026, 4, 1), today=TODAY)

    def dues_line(name, month, today):
        row = next(r for r in services.points.month(world.branch, month, today=today).rows
                   if r.member_id == world.members[name])
        return [(item, pts, auto) for item, pts, auto in row.lines if item == "dues_late"]

    assert dues_line("王书记", date(2026, 3, 1), TODAY) == [] and dues_line("王书记", date(2026, 5, 1), TODAY) == []
    assert dues_line("李组织", date(2026, 3, 1), TODAY) == [("dues_late", -5.0, True)]      # paid the day after
    assert dues_line("王书记", date(2026, 6, 1), date(2026, 6, 30)) == []                    # month not over yet
    assert dues_line("王书记", date(2026, 6, 1), date(2026, 7, 1)) == [("dues_late", -5.0, True)]
    assert dues_line("钱一", date(2026, 6, 1), TODAY) == []                                  # no dues base: not judged
    # A deduction the committee entered by hand for the month is not counted a second time.
    services.records.create("points", {"branch_id": world.branch, "member_id": li, "month": date(2026, 3, 1),
                                       "item": "dues_late", "points": 5, "reason": "三月党费逾期"}, today=TODAY)
    row = next(r for r in services.points.month(world.branch, date(2026, 3, 1), today=TODAY).rows if r.member_id == li)
    assert (row.manual, row.automatic, [i for i, _p, _a in row.lines].count("dues_late")) == (-5.0, row.automatic, 1)
