"""How a bundle's rows reach the office database (issue 16): on PostgreSQL through COPY with JSON
made text (``sync/pg_copy.py``) and with the merge's first lookups read in one pipeline
(``sync/read_ahead.py``), its statistics kept for the columns the import looks up by; on SQLite as
before. Both engines must store what the branch holds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dj_desktop.core.models import Member
from dj_desktop.core.models.appraisal_care import CareVisit
from dj_desktop.sync import audit_trail
from dj_desktop.sync.merge_reads import NATURAL_KEYS
from dj_desktop.sync.lookups import analyze_sql
from dj_desktop.sync.records import sync_tables
from dj_desktop.sync.read_ahead import none_shared

from sync_helpers import snapshot

TRICKY = "李\t四\n\\N 反斜杠\\ \"引号\" 𠀀"      # COPY's separators, its NULL marker, a 4-byte character


def test_values_arrive_exactly_as_the_branch_holds_them(office, make_branch):
    branch = make_branch("a")
    branch.add_branch("第一村党支部")
    group = branch.add_org("第一党小组")
    member = branch.add_member(TRICKY, org_id=group)
    branch.add_member("王五")
    branch.edit(Member, member, address="", full_member_on=date(2006, 7, 1), notes=TRICKY, deleted=True)
    with branch.db.sessions.begin() as s:
        s.add(CareVisit(branch_id=branch.branch_id, member_id=member, visited_on=date(2026, 2, 1),
                        occasion="spring_festival", amount=Decimal("1234.56"), note=TRICKY))
    result = office.import_one(branch.export())
    assert result.status == "applied", result.reason
    mine, theirs = snapshot(branch.db), snapshot(office.db)
    for table in ("organisation", "member", "care_visit"):
        assert theirs[table] == mine[table], table        # UUIDs, dates, NULLs, booleans, JSON, Decimal
    with office.db.sessions.begin() as s:
        assert s.get(Member, member).name == TRICKY and s.get(Member, member).deleted is True
        assert s.get(Member, member).field_versions == branch.db.sessions().get(Member, member).field_versions
        # The audit entries' content (JSON text) hashes as the branch hashed it.
        chain = audit_trail.verify_site(s, branch.site_id)
    assert chain.holds and chain.entries > 0


def test_a_bundles_own_duplicate_id_numbers_are_flagged_after_the_read_ahead(office, make_branch):
    branch = make_branch("a")
    branch.add_branch()
    branch.add_member("张三", id_number="110101198001010011")
    branch.add_member("张叁", id_number="110101198001010011")
    other = make_branch("b")
    other.add_branch("乙支部")
    other.add_member("李四", id_number="110101198001010022")
    assert office.import_one(other.export()).status == "applied"
    later = make_branch("c")
    later.add_branch("丙支部")
    later.add_member("李肆", id_number="110101198001010022")
    first, second = office.import_files(branch.export(), later.export())
    assert [p["code"] for p in first.problems].count("duplicate_key") == 1        # within the bundle (one pair)
    assert [p["code"] for p in second.problems].count("duplicate_key") == 1       # with another site's


def test_the_read_ahead_settles_the_duplicate_check_only_when_it_can():
    row = lambda value: {"id": value, "id_number": value}      # noqa: E731
    looked_up = {"1", "2"}
    assert none_shared((looked_up, []), "id_number", [row("1"), row("2")])
    assert not none_shared(None, "id_number", [row("1")])                              # nothing read ahead
    assert not none_shared((looked_up, [("x", "2", "s")]), "id_number", [row("1"), row("2")])   # held
    assert not none_shared((looked_up, []), "id_number", [row("1"), row("1")])         # written twice
    assert not none_shared((looked_up, []), "id_number", [row("3")])                   # not looked up
    assert none_shared((looked_up, [("x", "9", "s")]), "id_number", [row("1")])        # held, another value


def test_the_imports_analyze_covers_the_columns_it_looks_records_up_by(office, make_branch):
    if office.db.is_sqlite:
        pytest.skip("only PostgreSQL is analysed during an import")
    branch = make_branch("a")
    branch.add_branch()
    branch.add_member("张三")
    assert office.import_one(branch.export()).status == "applied"
    with office.db.engine.begin() as conn:
        for table in sync_tables():
            conn.exec_driver_sql(analyze_sql(table, NATURAL_KEYS.get(table.name, ())))
        analysed = set(conn.exec_driver_sql(
            "SELECT attname FROM pg_stats WHERE tablename = 'member'").scalars())
    assert analysed == {"id", "id_number", "deleted"}
