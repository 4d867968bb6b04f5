"""The demo branch's two years of dues, funds and notices."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services

TODAY = date(2026, 11, 28)


def test_two_years_of_dues_funds_and_notices(tmp_path, demo_copy):
    db = open_database(demo_copy(tmp_path / "demo.db", today=TODAY), create=False)
    try:
        services = build_services(db)
        branch = services.organisation.first_branch().id
        roll = services.dues.roll(date(2026, 9, 1), branch_id=branch)
        assert roll and all(line.due is not None for line in roll)
        assert sum(1 for line in roll if line.arrears_months == 0) >= len(roll) - 2     # two members behind
        assert any(line.arrears_months == 3 for line in roll)
        assert not any(line.flagged for line in services.dues.roll(date(2026, 11, 1), branch_id=branch))
        assert services.dues.totals(2025, branch_id=branch)["year"] > 0
        for year in (2025, 2026):
            statement = services.funds.statement(year, branch_id=branch)
            assert statement.income > 0 and statement.spending > 0 and statement.closing >= 0
        notices = services.notices.list(branch_id=branch)
        sources = {n.source for n in notices}
        assert {"dues:2025H1", "dues:2025H2", "dues:2026H1", "funds:2025"} <= sources
        assert {n.stage for n in notices} == {"posted", "proposed"}
    finally:
        db.dispose()
