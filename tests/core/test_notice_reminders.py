"""Reminder "公开期满": an item on the board is reminded on its last day (due) and after it (overdue)
for ``due_soon_days``, never before its last day, never once it was tombstoned."""

from __future__ import annotations

from datetime import date, timedelta

from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)
POSTED, UNTIL = date(2026, 3, 3), date(2026, 3, 10)


def _ended(services, on):
    return [(r.subject, r.status, r.due) for r in services.reminders.reminders(on) if r.kind == "notice_posting_ended"]


def test_posting_ended_at_its_boundaries(db, services):
    world = build_world(db)
    n = services.notices.propose(branch_id=world.branch, kind="decision", title="关于开展志愿服务的决定",
                                 body="全体党员参加。", by="李组织", on=date(2026, 3, 1), today=TODAY)
    services.notices.advance(n.id, "reviewed", by="赵宣传", on=date(2026, 3, 1), today=TODAY)
    assert _ended(services, UNTIL) == []                          # approved but never posted: nothing ends
    services.notices.advance(n.id, "approved", by="王书记", on=date(2026, 3, 2), today=TODAY)
    services.notices.advance(n.id, "posted", by="王书记", on=POSTED, post_until=UNTIL, today=TODAY)

    assert _ended(services, UNTIL - timedelta(days=1)) == []      # still on the board
    assert _ended(services, UNTIL) == [("关于开展志愿服务的决定", "due", UNTIL)]
    assert _ended(services, UNTIL + timedelta(days=1)) == [("关于开展志愿服务的决定", "overdue", UNTIL)]
    window = services.reminders.settings(UNTIL).due_soon_days
    assert _ended(services, UNTIL + timedelta(days=window)) != []
    assert _ended(services, UNTIL + timedelta(days=window + 1)) == []
    reminder, = [r for r in services.reminders.reminders(UNTIL) if r.kind == "notice_posting_ended"]
    assert reminder.target.book == "notices" and reminder.target.record_id == n.id
    assert "2026年3月10日" in reminder.message

    services.records.tombstone("notices", n.id, reason="重复录入")
    assert _ended(services, UNTIL) == []
